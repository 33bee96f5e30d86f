package bant

// needSeventhCases are new sentences (not from any corpus) for the round 7
// constructions of need_seventh.go: the indirect ways French writers tell
// a need, each idea in four languages, with hard negatives (the same
// construction asking for a price, said of someone else, or putting a
// purchase off).
var needSeventhCases = []needCase{
	// conditional and impersonal wishes with an action
	{name: "7-fr-faudrait", text: "Il nous faudrait un outil pour centraliser les demandes des clients.", want: "stated"},
	{name: "7-fr-serait-utile", text: "Il serait utile d'avoir un tableau de bord commun pour les trois agences.", want: "stated"},
	{name: "7-fr-souhaiterions", text: "Nous souhaiterions réduire le temps passé sur les notes de frais.", want: "stated"},
	{name: "7-en-would-need", text: "We'd need a tool to centralise all the service requests from our five branches.", want: "stated"},
	{name: "7-en-would-be-useful", text: "It would be really useful to have a shared calendar for the three clinics.", want: "stated"},
	{name: "7-de-braeuchten", text: "Wir bräuchten ein Tool, um die Serviceanfragen der fünf Filialen zu bündeln und Doppelarbeit zu vermeiden.", want: "stated"},
	{name: "7-de-waere-sinnvoll", text: "Es wäre sinnvoll, einen gemeinsamen Kalender für die drei Praxen zu haben.", want: "stated"},
	{name: "7-es-haria-falta", text: "Nos haría falta una herramienta para centralizar las solicitudes de las cinco sucursales.", want: "stated"},
	{name: "7-es-seria-util", text: "Sería útil tener un calendario compartido para las tres clínicas.", want: "stated"},
	{name: "7-fr-faudrait-devis", text: "Il nous faudrait un devis pour 20 licences.", want: ""},
	{name: "7-fr-utile-tarifs", text: "Il serait utile d'avoir votre grille tarifaire pour 15 utilisateurs.", want: ""},
	{name: "7-en-would-need-quote", text: "We'd need a quote for 20 licences.", want: ""},
	{name: "7-en-useful-price-list", text: "It would be useful to have your price list for 15 users.", want: ""},
	{name: "7-de-braeuchten-angebot", text: "Wir bräuchten ein Angebot für 20 Lizenzen.", want: ""},
	{name: "7-de-sinnvoll-preisliste", text: "Es wäre sinnvoll, wenn Sie uns die Preisliste schicken.", want: ""},
	{name: "7-es-falta-presupuesto", text: "Nos haría falta un presupuesto para 20 licencias.", want: ""},
	{name: "7-es-util-precios", text: "Sería útil tener su lista de precios para 15 usuarios.", want: ""},
	// negative questions asking for a way out
	{name: "7-fr-nexiste-t-il-pas", text: "N'existe-t-il pas un moyen plus simple de gérer les badges des visiteurs ?", want: "stated"},
	{name: "7-fr-vous-nauriez-pas", text: "Vous n'auriez pas un outil qui évite de tout ressaisir ?", want: "stated"},
	{name: "7-en-isnt-there", text: "Isn't there an easier way to handle visitor badges than a paper book?", want: "stated"},
	{name: "7-en-dont-you-have", text: "Don't you have a tool that avoids retyping every order?", want: "stated"},
	{name: "7-de-gibt-es-keine", text: "Gibt es keine einfachere Möglichkeit, die Besucherausweise zu verwalten?", want: "stated"},
	{name: "7-es-no-existe", text: "¿No existe una forma más sencilla de gestionar las acreditaciones de visitantes?", want: "stated"},
	{name: "7-es-no-es-posible", text: "No es posible pagar con tarjeta? Gracias.", want: ""},
	// having a hard time
	{name: "7-fr-du-mal", text: "On a du mal à suivre les demandes de congés.", want: "stated"},
	{name: "7-en-hard-time", text: "We're having a hard time tracking overtime for the seasonal staff.", want: "stated"},
	{name: "7-de-schwer", text: "Wir tun uns schwer, die Überstunden der Saisonkräfte nachzuhalten.", want: "stated"},
	{name: "7-es-cuesta", text: "Nos cuesta mucho controlar las horas extra del personal de temporada.", want: "stated"},
	{name: "7-en-someone-else", text: "My brother-in-law has endless trouble with his booking system; I'm fine with mine.", want: "exploring"},
	{name: "7-de-someone-else", text: "Mein Schwager tut sich schwer mit seinem Buchungssystem, ich bin mit meinem zufrieden.", want: "exploring"},
	{name: "7-es-someone-else", text: "A mi cuñado le cuesta mucho su sistema de reservas; yo estoy contento con el mío.", want: "exploring"},
	// litotes: what the writer has is not adequate
	{name: "7-fr-pas-adapte", text: "Notre outil actuel n'est pas vraiment adapté à nos volumes.", want: "stated"},
	{name: "7-fr-hauteur", text: "Le système actuel n'est plus à la hauteur.", want: "stated"},
	{name: "7-fr-tenable", text: "Ce n'est pas tenable à long terme.", want: "stated"},
	{name: "7-fr-pratique", text: "Le logiciel n'est pas très pratique pour les équipes terrain.", want: "stated"},
	{name: "7-en-suited", text: "Our current CRM isn't really suited to a team of forty.", want: "stated"},
	{name: "7-en-up-to-the-job", text: "Our system is no longer up to the job.", want: "stated"},
	{name: "7-en-desired", text: "Honestly the reporting leaves a lot to be desired.", want: "stated"},
	{name: "7-de-geeignet", text: "Unser jetziges CRM ist nicht wirklich geeignet für 40 Leute.", want: "stated"},
	{name: "7-de-zeitgemaess", text: "Unsere Software ist einfach nicht mehr zeitgemäß.", want: "stated"},
	{name: "7-de-wuenschen", text: "Die Auswertungen lassen ehrlich gesagt zu wünschen übrig.", want: "stated"},
	{name: "7-es-practico", text: "Nuestro CRM actual no es nada práctico para un equipo de cuarenta.", want: "stated"},
	{name: "7-es-altura", text: "El sistema viejo ya no está a la altura.", want: "stated"},
	{name: "7-es-desear", text: "Los informes dejan mucho que desear.", want: "stated"},
	{name: "7-en-timing", text: "The timing isn't ideal for us, we're only looking around this year.", want: "exploring"},
	{name: "7-fr-moment", text: "Le moment n'est pas idéal pour nous, on regarde juste ce qui existe.", want: "exploring"},
	{name: "7-fr-pas-necessaire", text: "Il n'est pas nécessaire de me rappeler, un mail suffit.", want: ""},
	{name: "7-es-no-necesario", text: "No es necesario que me llamen, basta con un correo.", want: ""},
	{name: "7-fr-pas-possible", text: "Ce n'est pas possible pour moi de signer, voyez avec mon directeur.", want: ""},
	// a lack told impersonally
	{name: "7-fr-il-manque", text: "Il manque une vue d'ensemble sur les stocks des magasins.", want: "stated"},
	{name: "7-en-lack", text: "Lack of coordination between the two warehouses, missed deliveries.", want: "stated"},
	{name: "7-de-fehlt-an", text: "Es fehlt an Transparenz zwischen den beiden Lagern.", want: "stated"},
	{name: "7-es-falta", text: "Falta coordinación entre los dos almacenes y se pierden entregas.", want: "stated"},
	{name: "7-fr-manque-bon", text: "Il manque le bon de commande dans votre mail.", want: ""},
}

func init() { needCases = append(needCases, needSeventhCases...) }
