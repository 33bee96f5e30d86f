package bant

// needSixthCases are sentences written for need_sixth.go (not from any
// corpus): French first (a pain told as what happens, a goal told as what
// should be true afterwards, a solved pain, a pain that is someone
// else's), then each new construction in four languages with hard
// negatives.
var needSixthCases = []needCase{
	// French, written fresh
	{name: "six-fr-00", text: "Chaque fin de mois, la comptable passe deux jours à rapprocher les relevés à la main.", want: "stated"},
	{name: "six-fr-01", text: "Quand un client appelle, personne ne sait où en est sa commande.", want: "stated"},
	{name: "six-fr-02", text: "Le téléphone sonne sans arrêt et les secrétaires n'ont plus le temps de rien.", want: "stated"},
	{name: "six-fr-03", text: "À la fin de l'année, nous voulons que chaque technicien voie son planning sur son téléphone.", want: "stated"},
	{name: "six-fr-04", text: "Nous avons failli perdre notre certification à cause d'un registre incomplet.", want: "stated"},
	{name: "six-fr-05", text: "L'export PDF plante dès que le devis dépasse dix pages, ce qui le rend inutilisable.", want: "stated"},
	{name: "six-fr-06", text: "Il manque régulièrement des pièces au moment du montage.", want: "stated"},
	{name: "six-fr-07", text: "Notre assureur en a fait une condition pour le renouvellement : il faut une double authentification.", want: "stated"},
	{name: "six-fr-08", text: "Nos retards de facturation ont disparu depuis qu'on a changé d'outil, je vous écris pour une autre question : proposez-vous une API ?", want: "!stated"},
	{name: "six-fr-09", text: "Nous aidons les cliniques qui perdent des rendez-vous ; pouvez-vous nous envoyer votre kit partenaire ?", want: "!stated"},
	{name: "six-fr-10", text: "On aimerait un jour passer à un agenda en ligne, rien de pressé.", want: "exploring"},
	{name: "six-fr-11", text: "Ce n'est pas une priorité pour nous cette année, mais tenez-moi au courant de vos nouveautés.", want: "exploring"},
	{name: "six-fr-12", text: "Je teste plusieurs applis de prise de notes, avez-vous une version d'essai ?", want: "exploring"},
	{name: "six-fr-13", text: "Ma directrice m'a demandé de comparer les solutions de paie du marché.", want: "exploring"},
	{name: "six-fr-14", text: "Ma directrice m'a demandé de récupérer vos tarifs, c'est elle qui décide.", want: ""},
	{name: "six-fr-15", text: "Notre licence expire en mai et je voudrais la renouveler, quel est le tarif ?", want: ""},
	// German
	{name: "six-de-00", text: "Das Telefon klingelt pausenlos, die Mitarbeiterinnen kommen zu nichts anderem.", want: "stated"},
	{name: "six-de-01", text: "Bei der Inventur fehlen immer wieder Ersatzteile.", want: "stated"},
	{name: "six-de-02", text: "Um ein Haar hätten wir eine Lieferung an den falschen Kunden geschickt.", want: "stated"},
	{name: "six-de-03", text: "Der Export bricht jedes Mal ab, wenn eine Datei größer als 10 MB ist.", want: "stated"},
	{name: "six-de-04", text: "Unser Hoster hat uns zum Jahresende gekündigt, ohne neue Lösung haben wir keine Website.", want: "stated"},
	{name: "six-de-05", text: "Zum Umzug wollen wir die komplette Telefonanlage erneuern.", want: "stated"},
	{name: "six-de-06", text: "Das ist derzeit keine Priorität, halten Sie mich bitte auf dem Laufenden.", want: "exploring"},
	{name: "six-de-07", text: "Irgendwann möchten wir die Akten digitalisieren, aber nicht dieses Jahr.", want: "exploring"},
	{name: "six-de-08", text: "Meine Lizenz läuft im Juni aus und ich würde gern verlängern.", want: ""},
	{name: "six-de-09", text: "Das Projekt ist ohne Budget, bitte senden Sie trotzdem eine Preisliste.", want: "!stated"},
	// English
	{name: "six-en-00", text: "The scheduler crashes whenever two nurses edit the same shift, which makes it useless for us.", want: "stated"},
	{name: "six-en-01", text: "Last week we nearly shipped a pallet to the wrong country.", want: "stated"},
	{name: "six-en-02", text: "Our bank made it a condition of the new credit line that we move to audited bookkeeping software.", want: "stated"},
	{name: "six-en-03", text: "The backlog of unanswered tickets is gone since we hired two agents, so it's not something we need now.", want: "exploring"},
	{name: "six-en-04", text: "No budget for new tools next year, but I'd like to stay informed about your roadmap.", want: "exploring"},
	{name: "six-en-05", text: "I've been asked to look into what scheduling tools are out there for our clinics.", want: "exploring"},
	{name: "six-en-06", text: "Please send your price list for 40 seats.", want: ""},
	// Spanish
	{name: "six-es-00", text: "El teléfono suena sin parar y en recepción no llegan a nada.", want: "stated"},
	{name: "six-es-01", text: "Estuvimos a punto de perder una auditoría por un registro mal archivado.", want: "stated"},
	{name: "six-es-02", text: "Nos faltan piezas a menudo cuando llega el técnico.", want: "stated"},
	{name: "six-es-03", text: "Algún día me gustaría digitalizar el archivo, pero ahora mismo no es prioridad.", want: "exploring"},
	{name: "six-es-04", text: "Ahora solo miro precios, la decisión será el año que viene.", want: "exploring"},
	{name: "six-es-05", text: "Este año el proyecto se queda sin presupuesto, lo dejamos para más adelante.", want: "!stated"},
	{name: "six-es-06", text: "Mi jefe me ha pedido que compare proveedores de nóminas.", want: "exploring"},
	// v11 constructions, written fresh in four languages
	{name: "six-x-en-00", text: "Our cleaner stopped showing up last month and the office is a mess.", want: "stated"},
	{name: "six-x-de-00", text: "Unsere Putzhilfe hat gekündigt, seitdem putzen wir selbst.", want: "stated"},
	{name: "six-x-fr-00", text: "Notre comptable nous a lâchés en plein bilan.", want: "stated"},
	{name: "six-x-es-00", text: "La limpiadora dejó de venir y no encontramos a nadie.", want: "stated"},
	{name: "six-x-en-01", text: "Our in-house team can't handle the volume of applications any more.", want: "stated"},
	{name: "six-x-de-01", text: "Die Aufträge schaffen wir mit den eigenen Leuten nicht mehr.", want: "stated"},
	{name: "six-x-fr-01", text: "La banque nous demande un plan de trésorerie et on ne sait pas le faire.", want: "stated"},
	{name: "six-x-es-01", text: "El banco nos pide las cuentas auditadas y no sabemos hacerlo.", want: "stated"},
	{name: "six-x-en-02", text: "Our archive room has become far too small, boxes are stacked in the corridor.", want: "stated"},
	{name: "six-x-de-02", text: "Der Keller ist nach dem Starkregen überflutet.", want: "stated"},
	{name: "six-x-fr-02", text: "Notre dépôt est plein, on refuse des palettes.", want: "stated"},
	{name: "six-x-es-02", text: "Cada invierno se nos inunda el almacén.", want: "stated"},
	{name: "six-x-fr-03", text: "Nos présentoirs ne correspondent plus à la charte graphique.", want: "stated"},
	{name: "six-x-de-03", text: "Unsere Beschilderung entspricht nicht mehr dem neuen Logo.", want: "stated"},
	{name: "six-x-de-04", text: "Die Glasreinigung läuft problemlos, wir bräuchten nur ein Angebot für die Teppiche.", want: "!stated"},
	{name: "six-x-es-03", text: "El presupuesto de este año ya se ha agotado, lo vemos el año que viene.", want: "!stated"},
	{name: "six-x-en-03", text: "Things run fine here, but I keep hearing about route optimisation and wondered what it involves.", want: "exploring"},
	{name: "six-x-fr-04", text: "Deux donneurs d'ordre l'exigent désormais, nous visons la certification ISO 9001.", want: "stated"},
	{name: "six-x-de-05", text: "Wir haben Einstellungsstopp, ich würde trotzdem gern wissen, wie Sie arbeiten.", want: "exploring"},
	{name: "six-x-en-04", text: "My manager asked me to find out what your payroll service costs per employee.", want: ""},
}

func init() { needCases = append(needCases, needSixthCases...) }
