package bant

import "testing"

// budgetBroadCases test the construction rules (budget_none_broad.go,
// hundreds and slang in words, more currencies, money put aside, grants
// for this purchase, company size as assets or "doing") with sentences
// written for them, in four languages, and the hard negatives next to
// them.
var budgetBroadCases = []budgetCase{
	// zero budgets
	{"en budget is zero", "Honestly our software budget is basically zero this year.", "none"},
	{"de budget ist null", "Das Budget steht aktuell bei null, bis die Förderung kommt.", "none"},
	{"fr budget est nul", "Pour l'instant le budget est nul, on attend la subvention.", "none"},
	{"es presupuesto es cero", "El presupuesto es cero hasta que cierre el trimestre.", "none"},
	{"en zero point five is not zero", "Our budget is 0.5M for the whole rollout.", "over_50k"},
	// coordination
	{"en no timeline or budget", "There is no timeline or budget yet, we're just curious.", "none"},
	{"en no idea about timing or budget", "No idea yet about timing or budget, our CFO will tell us.", ""},
	{"de weder noch", "Es gibt weder einen Zeitplan noch Budget für das Thema.", "none"},
	{"de noch budget is still budget", "Es ist noch Budget von 12.000 € übrig.", "10k_50k"},
	{"fr ni budget", "Rien n'est lancé: ni calendrier ni budget pour le moment.", "none"},
	{"es ni presupuesto", "No hay fecha ni presupuesto definido, solo miramos.", "none"},
	// other money nouns
	{"es no hay partida", "De momento no hay partida para software nuevo.", "none"},
	{"es sin dotacion", "La línea de ayudas quedó sin dotación este ejercicio.", "none"},
	{"de keine mittel", "Wir haben leider keine finanziellen Mittel für neue Tools.", "none"},
	{"de foerdermittel gestrichen", "Die Fördermittel für die Digitalisierung wurden im Mai gestrichen.", "none"},
	{"fr credit supprime", "Le crédit voté pour la refonte a été supprimé en conseil.", "none"},
	{"fr pas de financement", "Nous n'avons pas de financement pour ce type de projet.", "none"},
	{"fr plus de credits is more", "Il nous faudrait plus de crédits SMS chaque mois.", ""},
	{"en funding pulled", "The board pulled the funding for the new portal last week.", "none"},
	// verb first
	{"es recortaron", "Este año nos congelaron la partida de tecnología.", "none"},
	{"fr ont supprime", "La direction a supprimé l'enveloppe informatique.", "none"},
	// not a coin, and "not a cent more" as a cap
	{"en not a penny", "We can't buy now, there's not a single penny left for tools.", "none"},
	{"de keinen cent", "Dafür gibt es keinen Cent, sorry.", "none"},
	{"fr pas un sou", "On n'a pas un sou pour ça cette année.", "none"},
	{"es ni un peso", "No hay ni un peso para marketing hasta enero.", "none"},
	{"en not a dollar more", "Our budget is 30k and not a dollar more.", "10k_50k"},
	// nothing set aside
	{"en nothing budgeted", "Nothing has been formally budgeted for it yet.", "none"},
	{"de nichts eingeplant", "Im Haushalt 2026 ist nichts für ein neues ERP eingeplant.", "none"},
	{"fr rien de budgete", "Pour l'an prochain rien n'est budgété.", "none"},
	{"es nada asignado", "Para esto no tenemos nada asignado todavía.", "none"},
	// small sums and hundreds in words
	{"en a few bucks", "I'd pay a few bucks a month for it myself.", "under_10k"},
	{"de ein paar euro", "Ein paar Euro im Monat wären für mich okay.", "under_10k"},
	{"fr quelques euros", "Je peux mettre quelques euros par mois.", "under_10k"},
	{"es unos pocos euros", "Pagaría unos pocos euros al mes de mi bolsillo.", "under_10k"},
	{"en under a hundred", "If it stays below a hundred a month I'd sign up.", "under_10k"},
	{"de zweihundert euro", "Mehr als zweihundert Euro im Monat können wir nicht ausgeben.", "under_10k"},
	{"fr deux cents euros", "On peut payer deux cents euros par mois.", "under_10k"},
	{"es quinientos", "Podemos pagar quinientos dólares al mes.", "under_10k"},
	{"en five percent is not money", "We grew five percent last year.", ""},
	{"en a hundred users is a count", "We have a hundred users on the old tool.", ""},
	{"en two hundred thousand", "We could invest two hundred thousand dollars.", "over_50k"},
	// grand
	{"en thirty grand", "I've got thirty grand earmarked for a new booking system.", "10k_50k"},
	{"fr un grand groupe", "Nous sommes un grand groupe et cherchons un outil de paie.", ""},
	// put aside, four languages
	{"en put aside", "We put aside 12k for the migration.", "10k_50k"},
	{"de zur seite gelegt", "Wir haben rund 30.000 € dafür zur Seite gelegt.", "10k_50k"},
	{"fr mis de cote", "On a mis de côté 8 000 € pour cet outil.", "under_10k"},
	{"es apartados", "Tenemos apartados unos 60.000 € para el proyecto.", "over_50k"},
	// currencies and slang
	{"en zloty", "Our budget is about 30 000 zł a year.", "under_10k"},
	{"en kronor", "We have 400 000 kr set aside for this.", "10k_50k"},
	{"es pesos colombianos", "Tenemos un presupuesto de 40 millones de pesos colombianos.", "10k_50k"},
	{"fr fcfa", "Notre budget est de 3 000 000 FCFA.", "under_10k"},
	{"fr dirhams", "Nous prévoyons un budget de 90 000 dirhams.", "under_10k"},
	{"de oecken", "So 80 Öcken im Monat wären drin.", "under_10k"},
	// grants: for this purchase or not
	{"en grant for this", "A local trust gave us a grant of $6,000 for this.", "under_10k"},
	{"en grant not for this", "We won a $200k research grant last spring.", ""},
	{"de foerderung dafuer", "Wir haben eine Förderung über 20.000 € dafür bekommen.", "10k_50k"},
	// company size is not a budget
	{"en doing revenue", "We're a small chain doing about $4M a year.", ""},
	{"es activos", "Somos una cooperativa con activos por 500 millones de pesos.", ""},
	{"de bilanzsumme", "Unsere Bank hat eine Bilanzsumme von 2 Mrd. €.", ""},
	{"fr series a", "Nous venons de boucler une série A de 6 M€.", ""},
	{"en approve myself", "Anything below 3k I can sign off on myself.", ""},
	// prices seen on our site are not a budget, unless they fit one
	{"en website price", "Your pricing page says $2,400 a year for the team plan, is that right?", ""},
	{"de website preis", "Auf Ihrer Webseite steht 1.200 € pro Jahr für das Starterpaket.", ""},
	{"fr prix sur le site", "J'ai noté 15 € par utilisateur sur votre site, c'est bien ça ?", ""},
	{"es precio en la web", "En su página aparece 99 € al mes, ¿sigue vigente?", ""},
	{"en website price fits budget", "Your site lists $3,000 a month, and we have budgeted about that.", "10k_50k"},
	// signing limits, German verb last
	{"de darf bis unterschreiben", "Ich darf Bestellungen bis 15.000 € selbst unterschreiben.", ""},
	{"de kann bis unterzeichnen", "Als Leiterin kann ich Verträge bis 40.000 € unterzeichnen.", ""},
	// what they pay their provider today
	{"de jetzigen anbieter", "Wir zahlen unserem bisherigen Dienstleister 1.800 € im Monat.", ""},
	{"fr prestataire actuel", "On verse 900 € par mois au prestataire actuel.", ""},
	{"es proveedor actual", "Le pagamos 2.000 € al mes al proveedor actual.", ""},
	{"en existing vendor", "We give our existing vendor $4,000 a month for this.", ""},
	// used up
	{"en budget spent", "This year's training budget is already spent, maybe next year.", "none"},
	{"de budget aufgebraucht", "Das IT-Budget für 2025 ist leider komplett aufgebraucht.", "none"},
	{"fr budget consomme", "Notre enveloppe annuelle est déjà épuisée.", "none"},
	{"es presupuesto agotado", "El presupuesto de formación ya está agotado este año.", "none"},
	{"en budget will be spent on", "A budget of 20k will be spent on licences and training.", "10k_50k"},
	// reflexive and compound cuts in Spanish
	{"es se ha retirado", "Al final se ha retirado la partida para el proyecto.", "none"},
	{"es nos han recortado", "Nos han recortado el presupuesto a la mitad y no compramos.", "none"},
	// organisation facts in a parenthesis, then no budget for this
	{"en facts parenthesis", "We're a charity (45 staff, annual budget $3M) and have nothing budgeted for a CRM.", "none"},
	{"de facts parenthesis", "Wir sind ein Verein (120 Mitglieder, Etat 80.000 €) und suchen ein Tool.", ""},
	{"fr budget de fonctionnement", "Notre budget de fonctionnement est de 2 M€ par an.", ""},
	{"es facts parenthesis", "Somos una ONG (30 empleados, presupuesto de 900.000 €) en Lima.", ""},
	// "on a budget" as a noun phrase
	{"en vote on a budget", "The board votes on a budget of £150,000 next month.", "over_50k"},
	{"en on a budget", "We're a tiny school on a budget.", "under_10k"},
	// approved in Spanish and French, per-agent price times agents
	{"es aprobados", "Tengo aprobados 25.000 € para este año.", "10k_50k"},
	{"fr valides", "Nous avons 18 000 € validés pour l'outil.", "10k_50k"},
	{"en per agent times agents", "We have 40 agents and budgeted $50 per agent per month.", "10k_50k"},
	// more "no budget" constructions
	{"de geld keins", "Geld für neue Programme haben wir im Moment keins.", "none"},
	{"de genau 0 euro", "Für Lizenzen haben wir genau 0 € eingeplant.", "none"},
	{"en exactly zero dollars", "We have exactly $0 for tooling this year.", "none"},
	{"fr pas d'argent", "L'école n'a pas d'argent pour ce genre d'outil.", "none"},
	{"es no tiene presupuesto", "La asociación no tiene presupuesto para software.", "none"},
	{"fr rien au budget", "Il n'y a rien d'inscrit au budget pour ça.", "none"},
	{"en request rejected", "Finance rejected our request for funding in the last round.", "none"},
	{"de haushalt gesperrt", "Unser Haushalt ist bis zum Herbst gesperrt.", "none"},
	{"en grant ran out", "Our grant ran out in June, so we're stuck.", "none"},
	{"es subvencion se acabo", "La subvención se acabó en marzo.", "none"},
	{"en pulled it", "We had $25k lined up but finance pulled it in October.", "none"},
	{"en cut it down is not none", "Our budget is 20k but we'd like to cut it down a bit.", "10k_50k"},
	// small sums in words, Belgian and Swiss numbers
	{"en twenty quid", "Twenty quid a month tops, it's just me.", "under_10k"},
	{"fr nonante euros", "On peut mettre nonante euros par mois.", "under_10k"},
	{"fr septante mille", "Le conseil a voté un crédit de septante mille francs pour ce projet.", "over_50k"},
	{"es cincuenta dolares", "Podría pagar cincuenta dólares al mes.", "under_10k"},
	{"en two dollars is not words", "It saves two dollars per order.", ""},
	{"de t euro", "Budget liegt bei 40-45 T€ im Jahr.", "10k_50k"},
	{"de tonnes are not money", "Wir verarbeiten 20 t Stahl pro Tag.", ""},
	{"piasses", "J'peux mettre 800 piasses par mois.", "under_10k"},
	{"en couple grand maybe", "Small outfit, couple grand maybe.", "under_10k"},
	{"es ajustadito", "El presupuesto es cortito, somos una pyme.", "under_10k"},
	{"en wee budget", "It's a wee budget, mind.", "under_10k"},
	// funding approved is a budget
	{"en funding approved", "Funding of $30,000 has been approved for year one.", "10k_50k"},
	{"de finanzierung bewilligt", "Eine Finanzierung von 45.000 € wurde bewilligt.", "10k_50k"},
	{"fr subvention pour l'outil", "Nous avons une subvention de 7 000 € pour l'outil de planning.", "under_10k"},
	{"en funding raised is not", "We raised $3M in funding last year.", ""},
	// losses, past orders and past contracts are not a budget
	{"en thrown away", "Last month we threw away stock worth $3,000.", ""},
	{"de weggeworfen", "Wir haben Ware für 1.500 € weggeworfen.", ""},
	{"fr jete", "On a jeté pour 800 € de marchandise.", ""},
	{"es tiramos", "Tiramos producto por 2.000 € el mes pasado.", ""},
	{"fr notre commande", "Suite à notre commande n° 8812 (3 400 € HT), merci d'envoyer la facture.", ""},
	{"en previous contract", "For reference, the previous contract was worth $250,000.", ""},
	{"fr dernier marche", "Le dernier marché du même type s'élevait à 120 000 €.", ""},
	{"es contrato anterior", "El contrato anterior fue de 80.000 €.", ""},
	{"de letzter vertrag", "Der letzte Vertrag lag bei 70.000 €.", ""},
	{"fr on paie aujourd'hui", "On paie aujourd'hui 700 € par mois pour notre CRM actuel.", ""},
	// zero and "keinerlei"
	{"de budget haben wir null", "Budget haben wir dafür null.", "none"},
	{"de keinerlei budget", "Wir haben keinerlei Budget für so etwas.", "none"},
	{"en zero-trust is not zero", "Our budget for the zero-trust rollout is $80k.", "over_50k"},
	// who approves is not a limit
	{"de freigeben muss vorstand", "Das Budget liegt bei 60.000 €, freigeben muss es der Vorstand.", "over_50k"},
	// per person times "we are N"
	{"es somos ocho", "Hasta 50 € al mes por persona, somos ocho.", "under_10k"},
	{"fr on est vingt", "Maximum 90 € par mois par utilisateur, on est vingt au bureau.", "10k_50k"},
	{"en we are 2 weeks is not a count", "We can pay $40 per user a month; we are 2 weeks from launch.", ""},
}

func TestBudgetBroad(t *testing.T) {
	t.Parallel()
	runBudgetCases(t, budgetBroadCases)
}
