package bant

// needGeneralCases are new sentences (not from any corpus) for the general
// signals of need_general.go, each construction in four languages, with
// hard negatives: the same words said of someone else, of the past, or as
// a request.
var needGeneralCases = []needCase{
	// exasperation
	{name: "gen-en-00", text: "Our dispatchers rebuild the plan by phone every night and we can't go on like this.", want: "stated"},
	{name: "gen-de-01", text: "Die Lagerliste führt jeder selbst, so kann es nicht weitergehen.", want: "stated"},
	{name: "gen-fr-02", text: "Les plannings des aides-soignantes changent tous les jours, ça ne peut plus durer.", want: "stated"},
	{name: "gen-es-03", text: "Los turnos se cambian por WhatsApp y esto no puede seguir así.", want: "stated"},
	// an ability lost or never had
	{name: "gen-en-04", text: "Our night nurses can never attend the mandatory classroom trainings.", want: "stated"},
	{name: "gen-de-05", text: "Unsere Außendienstler können unterwegs nie auf die Kundenakte zugreifen.", want: "stated"},
	{name: "gen-fr-06", text: "Nos techniciens ne peuvent jamais consulter les plans sur le chantier.", want: "stated"},
	{name: "gen-es-07", text: "Los repartidores ya no pueden ver las rutas cuando se cae la red.", want: "stated"},
	{name: "gen-en-08", text: "I can't sign contracts myself, please send the offer to our CFO.", want: "!stated"},
	// hitting a limit
	{name: "gen-en-09", text: "We're opening a fifth shop and our POS licence tops out at four tills.", want: "stated"},
	{name: "gen-de-10", text: "Mit der Gratisversion stoße ich bei 50 Teilnehmern an die Grenze.", want: "stated"},
	{name: "gen-fr-11", text: "Notre outil d'emailing est plafonné à 2 000 contacts et nous en avons 5 000.", want: "stated"},
	{name: "gen-es-12", text: "El programa de reservas se nos queda corto con la nueva sede.", want: "stated"},
	{name: "gen-en-13", text: "I can approve up to 20k on my own, please send a quote.", want: "!stated"},
	// a supplier going under
	{name: "gen-en-14", text: "Our payroll bureau is shutting down at the end of the month.", want: "stated"},
	{name: "gen-de-15", text: "Unser bisheriger Hosting-Anbieter ist insolvent.", want: "stated"},
	{name: "gen-fr-16", text: "Notre prestataire de télésurveillance a été placé en liquidation.", want: "stated"},
	{name: "gen-es-17", text: "La empresa que nos llevaba el mantenimiento entró en quiebra.", want: "stated"},
	// a quantified bad outcome
	{name: "gen-en-18", text: "About 35% of new sign-ups abandon the setup wizard before the second step.", want: "stated"},
	{name: "gen-de-19", text: "Rund 30 % der Interessenten brechen die Online-Anmeldung ab.", want: "stated"},
	{name: "gen-fr-20", text: "La moitié des candidats abandonnent le formulaire en ligne.", want: "stated"},
	{name: "gen-es-21", text: "Un 25 % de los pacientes cancelan la cita el mismo día.", want: "stated"},
	{name: "gen-en-22", text: "About 35% of our staff work part-time, can you send the price per seat?", want: ""},
	// a measurable goal
	{name: "gen-en-23", text: "The objective is +20 % repeat orders by next winter.", want: "stated"},
	{name: "gen-de-24", text: "Ziel ist, die Durchlaufzeit der Angebote zu halbieren.", want: "stated"},
	{name: "gen-fr-25", text: "Notre objectif est de passer de 12 à 5 jours de délai de paiement.", want: "stated"},
	{name: "gen-es-26", text: "Queremos reducir las devoluciones en un 15 % este año.", want: "stated"},
	{name: "gen-fr-27", text: "Notre client a réduit ses commandes de 20 %, le projet est gelé.", want: "!stated"},
	// a first-time offer
	{name: "gen-en-28", text: "We're a small theatre wanting to sell season passes online for the first time.", want: "stated"},
	{name: "gen-de-29", text: "Wir möchten unseren Mitgliedern erstmals eine Online-Buchung anbieten.", want: "stated"},
	{name: "gen-fr-30", text: "Nous voulons proposer la prise de rendez-vous en ligne pour la première fois.", want: "stated"},
	{name: "gen-es-31", text: "Queremos ofrecer pedidos a domicilio por primera vez esta temporada.", want: "stated"},
	// repeated incidents
	{name: "gen-en-32", text: "The cold room alarm failed to notify anyone three times this month.", want: "stated"},
	{name: "gen-de-33", text: "Die Lieferung kam schon dreimal unvollständig an.", want: "stated"},
	{name: "gen-fr-34", text: "Le transporteur a déjà livré trois fois à la mauvaise adresse.", want: "stated"},
	{name: "gen-es-35", text: "Ya van cuatro veces que el proveedor manda material de menos.", want: "stated"},
	// research for someone else, market studies, comparisons
	{name: "gen-en-36", text: "My manager asked me to look into visitor management systems for the front desk.", want: "exploring"},
	{name: "gen-de-37", text: "Ich soll für unseren Einkauf eine Marktübersicht zu Zeiterfassungssystemen erstellen.", want: "exploring"},
	{name: "gen-fr-38", text: "Je prépare une étude comparative des logiciels de caisse pour mon responsable.", want: "exploring"},
	{name: "gen-es-39", text: "Estoy armando una comparativa de plataformas de e-learning para la dirección.", want: "exploring"},
	{name: "gen-en-40", text: "This request is market engagement only; no contract will be awarded now.", want: "exploring"},
	{name: "gen-de-41", text: "Meine Chefin möchte, dass ich mich über Telefonanlagen informiere.", want: "exploring"},
	// curiosity about what exists, even with a price question after it
	{name: "gen-de-42", text: "Mich würde einfach mal interessieren, was es da so gibt und was das kostet.", want: "exploring"},
	{name: "gen-de-43", text: "Unser Problem mit den Reisekosten ist gelöst, mich interessiert trotzdem, ob Sie eine DATEV-Schnittstelle haben.", want: "exploring"},
	{name: "gen-en-44", text: "I'd like to understand what your tool costs for 12 users.", want: ""},
	// getting by, running stable, no pressure
	{name: "gen-de-45", text: "Unser Dokumentenmanagement läuft stabil, Druck gibt es keinen.", want: "exploring"},
	{name: "gen-es-46", text: "De momento me apaño con una libreta y el móvil.", want: "exploring"},
	{name: "gen-fr-47", text: "On se débrouille avec un tableur, mais je regarde ce qui existe.", want: "exploring"},
	// "not even"
	{name: "gen-fr-48", text: "On envoie les relances à la main et on ne sait même pas qui les lit.", want: "stated"},
	{name: "gen-en-49", text: "We copy the order lines by hand and don't even know which ones shipped.", want: "stated"},
	// equipment failing, delivered damaged, standing still
	{name: "gen-en-53", text: "The label printer on line 3 started smoking during the night shift.", want: "stated"},
	{name: "gen-de-54", text: "Der Kompressor springt seit gestern nicht mehr an.", want: "stated"},
	{name: "gen-fr-55", text: "Les palettes sont arrivées endommagées pour la deuxième livraison.", want: "stated"},
	{name: "gen-es-56", text: "La envasadora lleva parada desde el lunes y la línea está parada.", want: "stated"},
	{name: "gen-en-57", text: "The goods arrived on Monday, thanks; please invoice us for the rest.", want: ""},
	// fear of a breakdown, makeshift repairs
	{name: "gen-fr-58", text: "Le compresseur fait un bruit bizarre et je crains la panne en plein été.", want: "stated"},
	{name: "gen-es-59", text: "La cinta la vamos parcheando con cinta americana cada semana.", want: "stated"},
	{name: "gen-de-60", text: "Ich habe Sorge, dass die Kühlung im Sommer ausfällt.", want: "stated"},
	// a blocker: otherwise, without it we cannot
	{name: "gen-de-61", text: "Das Zertifikat muss bis Juni erneuert sein, sonst dürfen wir nicht mehr an Kliniken liefern.", want: "stated"},
	{name: "gen-fr-62", text: "Sans notice en allemand, nous ne pouvons pas vendre la machine à Munich.", want: "stated"},
	{name: "gen-es-63", text: "Sin el manual traducido no podemos exportar a Brasil.", want: "stated"},
	{name: "gen-en-64", text: "Without the translated leaflet we can't ship to Quebec.", want: "stated"},
	{name: "gen-de-65", text: "Bitte schicken Sie die Rechnung mit Bestellnummer, sonst kann die Buchhaltung sie nicht buchen.", want: "!stated"},
	{name: "gen-fr-66", text: "Je suis stagiaire, je ne peux rien signer ; avez-vous une offre gratuite ?", want: "!stated"},
	// a supplier letting the writer down, something still not ready
	{name: "gen-fr-67", text: "Notre traiteur nous a lâchés à deux semaines du gala.", want: "stated"},
	{name: "gen-en-68", text: "The signage for the new branch is still not ready and we open on the 3rd.", want: "stated"},
	// falling figures, catastrophic results, turning work away, no staff
	{name: "gen-en-69", text: "Footfall in our two cafés has been down since the roadworks started.", want: "stated"},
	{name: "gen-es-70", text: "Las matrículas del máster cayeron un 20 % respecto al curso anterior.", want: "stated"},
	{name: "gen-fr-71", text: "Nos résultats de la saison d'hiver sont catastrophiques.", want: "stated"},
	{name: "gen-es-72", text: "Estamos dejando pasar pedidos porque el horno va al límite.", want: "stated"},
	{name: "gen-de-73", text: "Wir finden kaum noch Pflegekräfte für die Nachtschicht.", want: "stated"},
	{name: "gen-en-74", text: "Our error rate has been down since the new scanners came in, thanks.", want: "!stated"},
	// a share of people who do not do something
	{name: "gen-fr-75", text: "Un tiers des participants ne reçoivent jamais le lien de connexion.", want: "stated"},
	{name: "gen-en-76", text: "About half of our drivers never open the delivery app.", want: "stated"},
	// no purchase planned, research lists, not decided
	{name: "gen-fr-77", text: "Aucun achat n'est prévu cette année, je voulais juste vos délais.", want: "exploring"},
	{name: "gen-es-78", text: "Tranquilos: no vamos a comprar nada hasta el año que viene.", want: "exploring"},
	{name: "gen-de-79", text: "Ich recherchiere gerade Anbieter für Kantinensoftware.", want: "exploring"},
	{name: "gen-en-80", text: "I'm an assistant and can't approve anything - I'm just collecting info for my director.", want: "exploring"},
	{name: "gen-fr-81", text: "Notre chariot élévateur ne démarre plus depuis ce matin.", want: "stated"},
	{name: "gen-es-82", text: "La carretilla no arranca desde esta mañana.", want: "stated"},
	{name: "gen-en-83", text: "We've patched the conveyor belt up with cable ties twice this week.", want: "stated"},
	{name: "gen-de-84", text: "Das Förderband ist nur noch provisorisch geflickt.", want: "stated"},
	// ending up doing something, things coming back
	{name: "gen-en-85", text: "Most weeks we end up re-printing the whole pick list.", want: "stated"},
	{name: "gen-de-86", text: "Am Ende landen wir doch wieder bei Excel und Telefon.", want: "stated"},
	{name: "gen-fr-87", text: "On finit toujours par tout ressaisir dans le tableur.", want: "stated"},
	{name: "gen-es-88", text: "Cada mes nos devuelven unas 40 facturas por datos fiscales incorrectos.", want: "stated"},
	{name: "gen-en-89", text: "We ended up with your competitor last year and are happy, thanks.", want: "!stated"},
	// wasted trips, waiting, paying twice, demands of insurers and customers, being well equipped, plain requests
	{name: "gen-en-90", text: "Half our quotes go out a day late because sales has to wait for engineering to price the options.", want: "stated"},
	{name: "gen-en-91", text: "Last quarter we paid two suppliers twice for the same invoice.", want: "stated"},
	{name: "gen-en-92", text: "Our technicians drive back to the depot for parts that turn out to be in another van.", want: "stated"},
	{name: "gen-en-93", text: "We had three near-misses on the shop floor in May and the insurer wants a proper incident log.", want: "stated"},
	{name: "gen-en-94", text: "Guests wait 20 minutes at check-in on Friday evenings.", want: "stated"},
	{name: "gen-de-95", text: "Unsere Monteure fahren oft umsonst raus, weil das Ersatzteil nicht auf Lager ist.", want: "stated"},
	{name: "gen-de-96", text: "Letzten Monat haben wir zwei Lieferanten dieselbe Rechnung doppelt bezahlt.", want: "stated"},
	{name: "gen-de-97", text: "Die Gäste warten freitags abends 20 Minuten beim Check-in.", want: "stated"},
	{name: "gen-de-98", text: "Unser Versicherer verlangt bis Jahresende ein ordentliches Unfallprotokoll.", want: "stated"},
	{name: "gen-fr-99", text: "Nos techniciens font des allers-retours au dépôt pour des pièces qui sont dans un autre camion.", want: "stated"},
	{name: "gen-fr-100", text: "Le mois dernier, nous avons payé deux fois la même facture à un fournisseur.", want: "stated"},
	{name: "gen-fr-101", text: "Nos clients attendent 20 minutes à l'accueil le vendredi soir.", want: "stated"},
	{name: "gen-es-102", text: "Nuestros técnicos vuelven al almacén por piezas que estaban en otra furgoneta.", want: "stated"},
	{name: "gen-es-103", text: "El mes pasado pagamos dos veces la misma factura a un proveedor.", want: "stated"},
	{name: "gen-es-104", text: "Los huéspedes esperan 20 minutos en recepción los viernes por la tarde.", want: "stated"},
	{name: "gen-en-105", text: "Our aim is to get every site on the same checklist before the audit in spring.", want: "stated"},
	{name: "gen-de-106", text: "Wir sind mit unserem Dienstleister eigentlich zufrieden, wollten aber mal sehen, was es sonst so gibt.", want: "exploring"},
	{name: "gen-en-107", text: "Nothing is broken, we're just benchmarking what others pay.", want: "exploring"},
	{name: "gen-fr-108", text: "On est bien équipés pour l'instant, c'est surtout de la veille.", want: "exploring"},
	{name: "gen-es-109", text: "De momento no lo necesitamos, lo tendremos en cuenta para el futuro.", want: "exploring"},
	{name: "gen-en-110", text: "Please send your price list for 20 licences, thank you.", want: ""},
	{name: "gen-de-111", text: "Bitte senden Sie uns ein Angebot für 20 Lizenzen.", want: ""},
	{name: "gen-fr-112", text: "Merci de m'envoyer la grille tarifaire pour 20 postes.", want: ""},
	{name: "gen-es-113", text: "Nos pueden enviar una cotización para 20 licencias, gracias.", want: ""},
	{name: "gen-en-114", text: "We generate about 400 invoices a month and are a team of 12.", want: ""},
	{name: "gen-de-115", text: "Wir haben 400 Mitarbeitende und drei Standorte, bitte rufen Sie mich an.", want: ""},
	// a rule that is no forced change
	{name: "gen-es-50", text: "La normativa interna exige tres presupuestos, ¿me envían uno para 10 licencias?", want: "!stated"},
	// nobody updates
	{name: "gen-es-51", text: "Tenemos un inventario en Excel que nadie actualiza.", want: "stated"},
	{name: "gen-de-52", text: "Die Kontaktliste liegt im Netzlaufwerk, aber niemand pflegt sie.", want: "stated"},
}

func init() { needCases = append(needCases, needGeneralCases...) }
