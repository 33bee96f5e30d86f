package bant

// needCauseCases are new sentences (not from any corpus) for the causes
// need_causes.go reads, in four languages, each with hard negatives:
// unplanned incidents, a falling figure, trouble that costs money, a
// recurring personal time cost, a supplier that stops, double entries,
// schedule gaps, a pain told before a Spanish question, a renewal next to
// contentment, curiosity about the market or our offer (but not a price
// request), and lists of tools drawn up for someone else.
var needCauseCases = []needCase{
	// unplanned incidents
	{name: "cause-en-00", text: "The packing line had five unscheduled shutdowns since August.", want: "stated"},
	{name: "cause-de-01", text: "Seit dem Frühjahr gab es sieben ungeplante Maschinenstillstände im Presswerk.", want: "stated"},
	{name: "cause-fr-02", text: "Nous avons subi six arrêts non planifiés sur la ligne d'embouteillage cet hiver.", want: "stated"},
	{name: "cause-es-03", text: "Llevamos cuatro paradas no programadas en la planta desde marzo.", want: "stated"},
	{name: "cause-en-04", text: "Since we moved to the new PLCs there have been no unplanned stops at all.", want: "!stated"},
	// a falling figure
	{name: "cause-en-05", text: "Our renewal rate slipped to 71% over the last two quarters.", want: "stated"},
	{name: "cause-de-06", text: "Die Terminquote unserer Außendienstler ist auf 40 % gefallen.", want: "stated"},
	{name: "cause-fr-07", text: "Le taux de remplissage de nos ateliers a chuté de moitié.", want: "stated"},
	{name: "cause-es-08", text: "La tasa de asistencia a las citas bajó al 62 % este año.", want: "stated"},
	{name: "cause-en-09", text: "Please send prices; your list price dropped last year, didn't it?", want: ""},
	{name: "cause-en-09b", text: "Our error rate fell to 1 % this year, we'd like a quote for 5 more seats.", want: "!stated"},
	{name: "cause-de-09c", text: "Die Reklamationsquote ist auf 2 % gesunken, bitte ein Angebot für zwei Lizenzen.", want: "!stated"},
	{name: "cause-es-09d", text: "La tasa de cancelaciones bajó al 3 %, quería precios para ampliar.", want: "!stated"},
	{name: "cause-en-09e", text: "Downtime on line 2 is costing us about 8k a week.", want: "stated"},
	// trouble that costs money
	{name: "cause-en-10", text: "Picking mistakes cost us around 30k a year in credit notes.", want: "stated"},
	{name: "cause-fr-11", text: "Les retards de livraison nous coûtent des pénalités chaque mois.", want: "stated"},
	{name: "cause-es-12", text: "Las devoluciones por errores de talla nos cuestan un dineral.", want: "stated"},
	// a recurring personal time cost
	{name: "cause-en-13", text: "Writing up site reports takes me two hours every evening.", want: "stated"},
	{name: "cause-de-14", text: "Die Tourenplanung kostet mich jeden Sonntag zwei Stunden.", want: "stated"},
	{name: "cause-fr-15", text: "Le rapprochement bancaire me prend 3h chaque vendredi.", want: "stated"},
	{name: "cause-es-16", text: "Cuadrar la caja me lleva una hora cada noche.", want: "stated"},
	{name: "cause-es-17", text: "Me paso el fin de semana entero pasando pedidos al sistema.", want: "stated"},
	{name: "cause-en-18", text: "The onboarding call takes an hour; we are free every Tuesday.", want: ""},
	{name: "cause-de-19", text: "Die Schulung dauert zwei Stunden, wir haben jeden Donnerstag Zeit.", want: ""},
	{name: "cause-fr-20", text: "Ce projet passera par notre directeur, merci de m'envoyer la documentation.", want: ""},
	{name: "cause-fr-20b", text: "Nous passons une journée par mois en formation interne, envoyez-nous la brochure.", want: ""},
	{name: "cause-es-20c", text: "Dedicamos una hora cada lunes a la reunión de equipo; ¿tienen demo?", want: ""},
	{name: "cause-en-20d", text: "Our contract with you renews in May and we would like to add two users.", want: ""},
	{name: "cause-es-20e", text: "El contrato vence en junio y queremos renovarlo con ustedes.", want: ""},
	{name: "cause-de-20f", text: "Unser Vertrag mit Ihnen läuft im Mai aus, wir möchten gerne verlängern.", want: ""},
	{name: "cause-en-20g", text: "Last year we broke into the Nordic market; could you take some time out to show us the reporting module?", want: "!stated"},
	{name: "cause-en-20h", text: "We deliver until late on Saturdays and need 12 more handheld scanners.", want: "!stated"},
	{name: "cause-es-20i", text: "Si nos alcanza el presupuesto, compraremos en enero.", want: ""},
	// a supplier that stops, and what follows
	{name: "cause-en-21", text: "Our bookkeeper stops doing the payroll in March, so we need a tool.", want: "stated"},
	{name: "cause-fr-22", text: "Notre prestataire cesse de maintenir le logiciel de caisse à la fin de l'année.", want: "stated"},
	{name: "cause-es-23", text: "El programa de nóminas deja de funcionar en junio y no podremos pagar a tiempo.", want: "stated"},
	{name: "cause-de-24", text: "Unser Kassensystem wird zum Jahresende eingestellt.", want: "stated"},
	{name: "cause-en-25", text: "The courier usually stops by on Fridays, feel free to send the samples then.", want: ""},
	// double entries, gaps, cold leads
	{name: "cause-de-26", text: "Wir vergeben Zimmer doppelt, wenn zwei Kolleginnen gleichzeitig buchen.", want: "stated"},
	{name: "cause-es-27", text: "A veces cobramos la misma factura por duplicado.", want: "stated"},
	{name: "cause-fr-28", text: "Il y a régulièrement des trous dans le planning du week-end.", want: "stated"},
	{name: "cause-en-29", text: "Half of our web leads go cold before anyone calls them.", want: "stated"},
	{name: "cause-de-30", text: "Das neue Lager ist doppelt so groß wie das alte, bitte um ein Angebot.", want: ""},
	// a pain told before a Spanish question
	{name: "cause-es-31", text: "Todos los meses paso una tarde entera copiando facturas a mano, ¿su programa lo hace solo?", want: "stated"},
	{name: "cause-es-32", text: "¿Su programa exporta facturas a mano o automáticamente?", want: "!stated"},
	// a renewal next to contentment, and without it
	{name: "cause-en-33", text: "We're quite happy with our scheduler, but the contract ends in May so I'm having a look around.", want: "exploring"},
	{name: "cause-es-34", text: "Estamos contentos con el sistema actual, aunque la licencia vence en abril y quiero comparar.", want: "exploring"},
	{name: "cause-de-35", text: "Unser Lizenzvertrag läuft im Juni aus und der Hersteller stellt die Updates ein.", want: "stated"},
	// curiosity about the market or our offer, not a price request
	{name: "cause-en-36", text: "I'd like to understand how your platform works before our planning round.", want: "exploring"},
	{name: "cause-en-37", text: "Can you tell me what your platform costs for 12 users?", want: ""},
	{name: "cause-en-38", text: "I want to know what the starter plan costs, thanks.", want: ""},
	{name: "cause-de-39", text: "Mich würde interessieren, wie andere Praxen das lösen.", want: "exploring"},
	{name: "cause-de-40", text: "Ändern wollen wir an der Warenwirtschaft nix, ich lese mich nur ein.", want: "exploring"},
	{name: "cause-fr-41", text: "Je voudrais comprendre ce que comprend votre offre pour les associations.", want: "exploring"},
	{name: "cause-fr-42", text: "On observe le marché des solutions RH, sans besoin précis pour le moment.", want: "exploring"},
	{name: "cause-es-43", text: "Quiero entender cómo funciona su plataforma de reservas.", want: "exploring"},
	{name: "cause-es-44", text: "Estamos evaluando proveedores de nómina, nada concreto todavía.", want: "exploring"},
	{name: "cause-es-45", text: "Con la hoja de cálculo nos alcanza por ahora.", want: "exploring"},
	// tools listed for someone else
	{name: "cause-en-46", text: "My manager asked me to put together a list of e-signature tools.", want: "exploring"},
	{name: "cause-fr-47", text: "On m'a demandé de lister des outils de gestion des stocks pour l'équipe.", want: "exploring"},
	{name: "cause-es-48", text: "Me pidieron hacer una lista de herramientas de inventario, yo solo investigo.", want: "exploring"},
	// a purpose that can't be reached is no goal
	{name: "cause-en-49", text: "Our grant was cut, so we can't buy anything this year.", want: "!stated"},
	// licences running out, break-ins, lost deals, dead devices, late replies
	{name: "cause-fr-50", text: "Nos certificats SSL expirent dans dix jours, il nous faut un devis.", want: "stated"},
	{name: "cause-es-51", text: "Las licencias del antivirus caducan el jueves, mándenme precio.", want: "stated"},
	{name: "cause-de-52", text: "Der Wartungsvertrag für die Telefonanlage endet zum 31.03., bitte ein Angebot.", want: "stated"},
	{name: "cause-en-53", text: "Your free trial runs out on Monday, so I'd like to keep my seat.", want: "!stated"},
	{name: "cause-fr-54", text: "Merci, mais le budget a été coupé en mars, on ne prendra rien.", want: "!stated"},
	{name: "cause-en-55", text: "Someone broke into the warehouse office twice in October.", want: "stated"},
	{name: "cause-fr-56", text: "Le dépôt s'est fait cambrioler au printemps.", want: "stated"},
	{name: "cause-es-57", text: "Nos robaron dos portátiles del almacén el mes pasado.", want: "stated"},
	{name: "cause-de-58", text: "Bei uns wurde im Sommer zweimal eingebrochen.", want: "stated"},
	{name: "cause-en-59", text: "We lost a big hospital tender because our offer was incomplete.", want: "stated"},
	{name: "cause-es-60", text: "Pierdo clientes cada semana porque no contesto a tiempo.", want: "stated"},
	{name: "cause-de-61", text: "Die Kasse war am Samstag drei Stunden offline.", want: "stated"},
	{name: "cause-es-62", text: "La web estuvo caída todo el fin de semana.", want: "stated"},
	{name: "cause-fr-63", text: "Le serveur de fichiers est resté en panne deux jours.", want: "stated"},
	{name: "cause-en-64", text: "The scanners time out every few minutes on the loading dock.", want: "stated"},
	{name: "cause-es-65", text: "Los pedidos llegan por tres canales y contestamos tarde.", want: "stated"},
	{name: "cause-de-66", text: "Unser Warenwirtschaftssystem ist hoffnungslos veraltet.", want: "stated"},
	{name: "cause-fr-67", text: "Les avis clients sont répartis sur quatre plateformes.", want: "stated"},
	// researching, comparing on price, personal projects and theses about tools
	{name: "cause-en-68", text: "Just getting a sense of pricing for now, nothing planned.", want: "exploring"},
	{name: "cause-de-69", text: "Wenn Sie günstiger sind als unser jetziger Anbieter, reden wir gerne.", want: "exploring"},
	{name: "cause-fr-70", text: "Je voulais me faire une idée des solutions de paie existantes.", want: "exploring"},
	{name: "cause-es-71", text: "Estoy haciendo la tesis sobre herramientas de CRM para pymes, ¿me dan una entrevista?", want: "exploring"},
	{name: "cause-en-72", text: "I'm a student and need your survey tool for my thesis, is there a discount?", want: ""},
	{name: "cause-de-73", text: "Ich möchte eure Karten-API für ein kleines privates Projekt ausprobieren.", want: "exploring"},
	{name: "cause-de-74", text: "Ich schaue mir gerade an, welche Zeiterfassungen es gibt.", want: "exploring"},
	{name: "cause-de-75", text: "Funktioniert euer Newsletter-Tool mit WooCommerce?", want: ""},
}

func init() { needCases = append(needCases, needCauseCases...) }
