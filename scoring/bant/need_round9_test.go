package bant

// needRound9Cases are new sentences (not from any corpus) for round 9's
// need constructions in the four languages: people who keep calling or
// asking, a goal that makes a chore go away, a goal with a count; and the
// hard negatives: a project put on hold says nothing about a need (spec:
// neither exploring nor stated), nor does promising to keep the vendor
// posted, while wanting to stay informed is exploring.
var needRound9Cases = []needCase{
	{name: "r9-en-calls", text: "Parents call the office constantly because they can't see the bus times.", want: "stated"},
	{name: "r9-de-calls", text: "Mitglieder finden die Termine nicht und rufen ständig bei uns an.", want: "stated"},
	{name: "r9-fr-calls", text: "Les locataires appellent sans cesse l'accueil pour leurs quittances.", want: "stated"},
	{name: "r9-es-calls", text: "Los pacientes llaman constantemente para confirmar su cita.", want: "stated"},
	{name: "r9-en-goaway", text: "Drivers should log deliveries on a tablet so that the retyping in the office goes away.", want: "stated"},
	{name: "r9-de-goaway", text: "Die Techniker sollen per App rapportieren, damit das Abtippen der Zettel wegfällt.", want: "stated"},
	{name: "r9-fr-goaway", text: "Les chauffeurs saisiront sur tablette pour que la ressaisie au bureau disparaisse.", want: "stated"},
	{name: "r9-es-goaway", text: "Los técnicos usarán una app para que desaparezca el papeleo en la oficina.", want: "stated"},
	{name: "r9-en-goalcount", text: "The goal is to train all 150 cashiers on the new till.", want: "stated"},
	{name: "r9-de-goalcount", text: "Ziel ist, 200 Bedienstete auf das neue Aktensystem einzuschulen.", want: "stated"},
	{name: "r9-fr-goalcount", text: "L'objectif est de former les 80 agents au nouveau logiciel.", want: "stated"},
	{name: "r9-es-goalcount", text: "El objetivo es formar a 60 enfermeras en el nuevo sistema.", want: "stated"},
	{name: "r9-en-sofar", text: "For the trade fair we want to show our models in VR; so far we have only posters.", want: "stated"},
	{name: "r9-de-sofar", text: "Für die Messe wollen wir Modelle in VR zeigen, bisher haben wir nur Poster.", want: "stated"},
	{name: "r9-fr-sofar", text: "Pour le salon nous voulons montrer nos maquettes en VR, jusqu'ici on n'a que des affiches.", want: "stated"},
	{name: "r9-es-sofar", text: "Para la feria queremos mostrar maquetas en VR, hasta ahora solo tenemos carteles.", want: "stated"},
	{name: "r9-en-notyet", text: "From January we must send e-invoices and our accounting software can't do that yet.", want: "stated"},
	{name: "r9-de-notyet", text: "Ab Januar müssen wir E-Rechnungen ausstellen, unsere Buchhaltung kann das bislang nicht.", want: "stated"},
	{name: "r9-fr-notyet", text: "Dès janvier nous devons émettre des e-factures et notre logiciel ne sait pas encore le faire.", want: "stated"},
	{name: "r9-es-notyet", text: "Desde enero tenemos que emitir facturas electrónicas y nuestro programa todavía no puede.", want: "stated"},
	{name: "r9-en-instead", text: "I'd like to schedule posts instead of having to remember it every evening.", want: "stated"},
	{name: "r9-de-instead", text: "Ich würde Posts gern vorplanen, statt jeden Abend daran denken zu müssen.", want: "stated"},
	{name: "r9-fr-instead", text: "J'aimerais programmer mes posts au lieu de devoir y penser chaque soir.", want: "stated"},
	{name: "r9-es-instead", text: "Quiero programar las publicaciones en vez de tener que acordarme cada noche.", want: "stated"},
	{name: "r9-de-weiter", text: "Unser Wartungsvertrag endet, der Anbieter entwickelt das System nicht weiter.", want: "stated"},
	{name: "r9-en-option", text: "We're checking whether a digital care record is an option for our home.", want: "exploring"},
	{name: "r9-de-option", text: "Wir prüfen für unser Pflegeheim, ob eine digitale Pflegedokumentation in Frage kommt.", want: "exploring"},
	{name: "r9-fr-option", text: "Nous voulons voir si un dossier de soins numérique pourrait nous convenir.", want: "exploring"},
	{name: "r9-es-option", text: "Queremos ver si una historia clínica digital nos conviene.", want: "exploring"},
	{name: "r9-de-nachdenken", text: "Wir denken darüber nach, 2027 unsere Website zu erneuern.", want: "exploring"},
	{name: "r9-de-plaene", text: "Konkrete Pläne haben wir keine, ich möchte nur Ihr Partnerprogramm kennen.", want: "exploring"},
	{name: "r9-de-interesse", text: "Die Probleme von damals sind gelöst. Interesse besteht derzeit nicht.", want: "exploring"},
	// Hard negatives.
	{name: "r9-de-aufeis", text: "Das Projekt Zeiterfassung legen wir auf Eis, Budget ist keins mehr da.", want: ""},
	{name: "r9-de-zurueck", text: "Die Umstellung wurde vom Konzern zurückgestellt.", want: ""},
	{name: "r9-de-posted", text: "Der Chatbot liegt auf Eis. Ich halte Sie aber gern auf dem Laufenden.", want: ""},
	{name: "r9-de-staypost", text: "Ich möchte nur auf dem Laufenden bleiben, was es Neues gibt.", want: "exploring"},
	{name: "r9-fr-justsavoir", text: "Je voulais juste savoir si votre application marche sur tablette Android.", want: ""},
	{name: "r9-de-nurwissen", text: "Ich möchte nur wissen, ob Ihre App auch auf Android läuft.", want: ""},
	{name: "r9-en-calls-denied", text: "Since the new portal, customers no longer call us constantly.", want: "!stated"},
}

func init() { needCases = append(needCases, needRound9Cases...) }
