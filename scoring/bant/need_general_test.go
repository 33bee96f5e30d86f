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
	// a rule that is no forced change
	{name: "gen-es-50", text: "La normativa interna exige tres presupuestos, ¿me envían uno para 10 licencias?", want: "!stated"},
	// nobody updates
	{name: "gen-es-51", text: "Tenemos un inventario en Excel que nadie actualiza.", want: "stated"},
	{name: "gen-de-52", text: "Die Kontaktliste liegt im Netzlaufwerk, aber niemand pflegt sie.", want: "stated"},
}

func init() { needCases = append(needCases, needGeneralCases...) }
