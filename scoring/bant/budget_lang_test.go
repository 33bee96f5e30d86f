package bant

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// budgetBucketCases are whole inquiries and the budget answer the labelling
// spec gives them, in English, German, French and Spanish, with the hard
// negatives (revenue, past spend, what they pay today, approval limits,
// quoted history) next to the phrasings that are budgets.
// budgetCase is a text and the budget answer it must give.
type budgetCase struct{ name, text, want string }

var budgetBucketCases = []budgetCase{
	// English: negation, withdrawal, tense.
	{"en no budget yet", "We have no budget yet, just looking around.", "none"},
	{"en budget frozen with words between", "Our budget for the new CRM was frozen last month.", "none"},
	{"en budget withdrawn", "The budget has been withdrawn after the reorg.", "none"},
	{"en froze budgets", "Head office froze all IT budgets until further notice.", "none"},
	{"en nothing allocated", "We haven't allocated anything for this yet.", "none"},
	{"en not approved", "Sadly the budget for the pilot was not approved by the board.", "none"},
	{"en had budgeted but frozen", "We had $30k budgeted for this, but it was frozen in March.", "none"},
	{"en cut to an amount is a budget", "The budget was cut to $20k, still enough for a start.", "10k_50k"},
	{"en spent last year", "We spent $30k on a consultant last year and got nothing out of it.", ""},
	{"en we paid", "We paid 45k for our last ERP rollout.", ""},
	{"en current spend on another tool", "Right now we're paying $2,000 a month for Zendesk.", ""},
	{"en current spend then budget", "We currently pay $500/month for HubSpot and would spend up to $1,500/month on something better.", "10k_50k"},
	{"en approval limit", "I can approve up to $20k on my own, anything above goes to the CFO.", ""},
	{"en signing limit", "My signing authority is 15k, so keep the quote under that.", ""},
	{"en revenue", "We're a $40M logistics company with 300 staff.", ""},
	{"en funding", "We just raised $5M in our seed round.", ""},
	{"en salary", "We'd otherwise hire an analyst at a salary of $70k.", ""},
	{"en competitor price", "A competitor quoted us $60k a year, which is too much.", ""},
	{"en hedge keeps amount", "Budget is maybe around 20k, probably a bit less.", "10k_50k"},
	{"en if all goes well", "If all goes well we can invest roughly $8,000 this year.", "under_10k"},
	{"en last year then this year", "Last year we spent 30k on ads; this year our budget for the CRM is 60k.", "over_50k"},
	{"en quoted history ignored", "Not buying right now.\n\nOn Mon, 3 Mar 2025 at 10:00, Ann <ann@example.com> wrote:\n> Your budget was $40k, right?", ""},
	{"en flexible is nothing", "The budget is flexible for the right tool.", ""},
	{"en old vendor charged us", "Our old vendor charged us 15k a year and support was awful.", ""},
	{"en current tool then budget right after", "Our current tool is too slow, we have 20k budget for a new one.", "10k_50k"},
	{"en stretch", "We can stretch to 40k if the ROI is there.", "10k_50k"},
	{"en past budget then we have", "Last year's budget was 50k; this year we have 35k.", "10k_50k"},
	{"en money is tight", "Money is tight at the moment.", "under_10k"},
	{"en counts are not money", "We have 120 stores and 2,500 employees.", ""},
	{"en set aside after amount", "We have approx. 25k set aside.", "10k_50k"},
	{"en sign-off authority", "I have sign-off authority up to $10k.", ""},
	{"en approve myself", "Anything under 5k I can approve myself.", ""},
	{"en quote from another vendor", "We got a quote from another vendor for $70k.", ""},
	{"en annual sales", "We're a 200-person company doing about $30M in annual sales.", ""},
	{"en currently spend", "We currently spend about $1,200/month across three tools.", ""},
	{"en slashed to zero", "Our budget was slashed to zero.", "none"},
	{"en tbd", "Budget: TBD", "none"},
	{"en a million words", "We have one million dollars for the whole programme.", "over_50k"},
	{"en a thousand a month", "We can pay a thousand dollars a month.", "10k_50k"},
	{"en paid plan is not past", "We'd go for the paid plan if it stays under $300 a month.", "under_10k"},
	{"en concurrent users", "We need 50 concurrent users and can pay about $2,000 a month.", "10k_50k"},
	{"en previously then budget", "Previously we used spreadsheets, budget now is 12k.", "10k_50k"},
	{"en approved budget then other thing cancelled", "The budget is approved, but the old migration project was cancelled.", ""},
	{"en naira", "We can afford around N500,000 yearly.", "under_10k"},
	{"en indian grouping", "Our budget is Rs. 4,00,000 per year.", "under_10k"},

	// English: budgets in words.
	{"en tight budget", "We're a tiny nonprofit on a tight budget.", "under_10k"},
	{"en budget is limited", "Our budget is pretty limited, to be honest.", "under_10k"},
	{"en shoestring", "We run on a shoestring.", "under_10k"},
	{"en few thousand", "We could spend a few thousand dollars on it.", "under_10k"},
	{"en few thousand a month", "Budget is a few thousand a month.", "10k_50k"},
	{"en few thousand users not money", "We have a few thousand users on the app.", ""},
	{"en low five figures", "We're thinking low five figures for the first year.", "10k_50k"},
	{"en five figure budget", "It's a five-figure budget.", "10k_50k"},
	{"en high five figures", "Budget is in the high five figures.", "over_50k"},
	{"en six figures", "We're prepared to go to six figures for the right platform.", "over_50k"},
	{"en six figure revenue", "We're a six-figure revenue business.", ""},
	{"en number words", "We have about twenty-five thousand dollars for this.", "10k_50k"},
	{"en monthly annualised", "We can pay €1,500 a month.", "10k_50k"},
	{"en per user times users", "We'd pay $20 per user per month for 60 users.", "10k_50k"},
	{"en over two years", "We set aside $80k for the first two years.", "10k_50k"},

	// German.
	{"de kein budget", "Aktuell haben wir kein Budget dafür.", "none"},
	{"de budget gibt es nicht", "Ein Budget gibt es dafür derzeit nicht.", "none"},
	{"de budget eingefroren", "Das Budget wurde leider eingefroren.", "none"},
	{"de IT-Budgets eingefroren", "Der Vorstand hat sämtliche IT-Budgets für dieses Jahr eingefroren.", "none"},
	{"de budget gestrichen", "Unser Projektbudget ist komplett gestrichen worden.", "none"},
	{"de nicht freigegeben", "Das Budget ist noch nicht freigegeben.", "none"},
	{"de kein geld", "Für neue Software haben wir gerade kein Geld.", "none"},
	{"de budget amount", "Unser Budget liegt bei 20.000 €.", "10k_50k"},
	{"de decimals per month", "Wir können 1.500,00 € im Monat ausgeben.", "10k_50k"},
	{"de monatlich", "Budget: 600 € monatlich.", "under_10k"},
	{"de pro jahr k", "Budget ca. 45k pro Jahr", "10k_50k"},
	{"de tsd", "Rahmen: 30 Tsd. Euro", "10k_50k"},
	{"de mio", "Geplant sind 1,2 Mio. € für das Gesamtprojekt.", "over_50k"},
	{"de bis zu", "Wir würden bis zu 8.000 Euro investieren.", "under_10k"},
	{"de zwischen und", "Wir haben zwischen 20.000 und 30.000 € eingeplant.", "10k_50k"},
	{"de kleines budget", "Wir sind ein kleiner Verein mit kleinem Budget.", "under_10k"},
	{"de budget knapp", "Unser Budget ist eher knapp.", "under_10k"},
	{"de fuenfstellig", "Wir rechnen mit einem niedrigen fünfstelligen Betrag.", "10k_50k"},
	{"de sechsstellig", "Das Budget ist sechsstellig.", "over_50k"},
	{"de number words", "Wir haben dreißigtausend Euro eingeplant.", "10k_50k"},
	{"de umsatz", "Wir machen 12 Mio. € Umsatz mit 80 Mitarbeitern.", ""},
	{"de letztes jahr ausgegeben", "Letztes Jahr haben wir 25.000 € für Beratung ausgegeben.", ""},
	{"de ausgegeben verb last", "Wir haben für das alte System 40.000 € ausgegeben.", ""},
	{"de zahlen heute", "Heute zahlen wir 900 € im Monat für die alte Lösung.", ""},
	{"de geld ist knapp", "Geld ist knapp bei uns.", "under_10k"},
	{"de umsatz nach betrag", "Wir haben einen Kunden, der 50.000 € Umsatz bringt.", ""},
	{"de ueber zwei jahre", "Wir rechnen mit 60.000 € für die ersten zwei Jahre zusammen.", "10k_50k"},
	{"de alleine entscheiden", "Ich darf bis 5.000 € alleine entscheiden.", ""},
	{"de noch offen", "Budget: noch offen", "none"},
	{"de bis range zur verfuegung", "Für das Projekt stehen 50.000 bis 70.000 € zur Verfügung.", "over_50k"},
	{"de max abbreviation", "Wir möchten max. 300 € im Monat ausgeben.", "under_10k"},
	{"de zwei millionen", "Das Projektbudget beträgt zwei Millionen Euro.", "over_50k"},
	{"de p.M.", "Budget 900 € p.M.", "10k_50k"},
	{"de bisher dann budget", "Bisher nutzen wir Excel, Budget 15.000 € im Jahr.", "10k_50k"},
	{"de auf betrag gekuerzt", "Unser Budget wurde auf 30k gekürzt.", "10k_50k"},
	{"fr budget de montant gele", "Notre budget de 30k a été gelé en mars.", "none"},
	{"de freigabegrenze", "Ich kann bis 10.000 € selbst freigeben, darüber entscheidet der Vorstand.", ""},

	// French.
	{"fr pas de budget", "Nous n'avons pas de budget pour le moment.", "none"},
	{"fr budget gele", "Le budget a été gelé jusqu'à nouvel ordre.", "none"},
	{"fr budget 2026 gele", "Notre budget informatique 2026 a été gelé en janvier.", "none"},
	{"fr aucun budget", "Aucun budget n'est prévu cette année.", "none"},
	{"fr budget amount spaces", "Nous avons un budget de 20 000 € pour ce projet.", "10k_50k"},
	{"fr k euro", "Enveloppe de 15k€ maximum.", "10k_50k"},
	{"fr par mois", "Nous pouvons investir 700 € par mois.", "under_10k"},
	{"fr mensuel HT", "Budget : 2 500 € HT mensuel.", "10k_50k"},
	{"fr par an", "Nous pouvons investir 60 000 € par an.", "over_50k"},
	{"fr petit budget", "On a un petit budget, on est une asso.", "under_10k"},
	{"fr budget serre", "Le budget est assez serré cette année.", "under_10k"},
	{"fr cinq chiffres", "Un budget à cinq chiffres, dans le bas de la fourchette.", "10k_50k"},
	{"fr six chiffres", "Nous parlons d'un investissement à six chiffres.", "over_50k"},
	{"fr quelques milliers", "On pourrait mettre quelques milliers d'euros.", "under_10k"},
	{"fr number words", "Nous pourrions y consacrer trente mille euros.", "10k_50k"},
	{"fr chiffre d'affaires", "Nous réalisons un chiffre d'affaires de 8 M€.", ""},
	{"fr depense l'an dernier", "L'an dernier nous avons dépensé 30 000 € en prestations.", ""},
	{"fr payons actuellement", "Nous payons actuellement 1 200 € par mois pour notre outil.", ""},
	{"fr valider jusqu'a", "Je peux valider jusqu'à 5 000 € sans mon directeur.", ""},
	{"fr a definir", "Budget : à définir", "none"},
	{"fr depensons aujourd'hui", "Nous dépensons aujourd'hui 900 € par mois chez notre prestataire.", ""},
	{"fr sans l'accord", "Je ne peux pas engager plus de 3 000 € sans l'accord de ma direction.", ""},
	{"fr mille euros par mois", "Budget : mille euros par mois.", "10k_50k"},
	{"fr deux cent mille", "Un budget de deux cent mille euros est prévu.", "over_50k"},
	{"fr pas encore valide", "Le budget n'est pas encore validé.", "none"},
	{"fr signer seul", "Je peux signer seul jusqu'à 15 000 €.", ""},
	{"fr dollars canadiens", "On a prévu une enveloppe de 40 000 $ CA sur l'année.", "10k_50k"},
	{"fr balles par mois", "Je peux mettre genre 50 balles par mois.", "under_10k"},

	// Spanish.
	{"es sin presupuesto", "De momento estamos sin presupuesto.", "none"},
	{"es no tenemos presupuesto", "No tenemos presupuesto asignado todavía.", "none"},
	{"es presupuesto congelado", "El presupuesto está congelado hasta enero.", "none"},
	{"es partida recortada", "La partida de software se ha recortado por completo.", "none"},
	{"es amount", "Tenemos un presupuesto de 25.000 €.", "10k_50k"},
	{"es mil euros", "Podemos invertir unos 20 mil euros.", "10k_50k"},
	{"es usd mensuales", "Contamos con 2.000 USD mensuales.", "10k_50k"},
	{"es al mes", "Podemos pagar 300 € al mes.", "under_10k"},
	{"es al año", "El presupuesto es de 70.000 € al año.", "over_50k"},
	{"es millones de pesos", "Nuestro presupuesto es de 2 millones de pesos.", "over_50k"},
	{"es pesos mensuales", "Podemos gastar 15,000 pesos mensuales.", "under_10k"},
	{"es ajustado", "El presupuesto es muy ajustado.", "under_10k"},
	{"es limitado", "Somos una ONG con presupuesto limitado.", "under_10k"},
	{"es seis cifras", "Hablamos de un proyecto de seis cifras.", "over_50k"},
	{"es cinco cifras bajas", "Presupuesto de cinco cifras bajas.", "10k_50k"},
	{"es number words", "Podemos invertir quince mil euros.", "10k_50k"},
	{"es facturacion", "Facturamos 3 millones de euros al año.", ""},
	{"es gastamos el año pasado", "El año pasado gastamos 40.000 € en consultoría.", ""},
	{"es pagamos actualmente", "Actualmente pagamos 800 € al mes por el sistema actual.", ""},
	{"es aprobar hasta", "Puedo aprobar compras de hasta 12.000 € sin pasar por dirección.", ""},
	{"es tope", "Tenemos un tope de 10.000 dólares al año.", "under_10k"},
	{"es pocos miles", "Nuestro presupuesto: unos pocos miles de euros.", "under_10k"},
	{"es no hay lana", "El jefe dice que no hay lana para más licencias.", "none"},
	{"es cuentas no dinero", "Tenemos 15 sucursales y 200 empleados.", ""},
	{"es por definir", "Presupuesto: por definir", "none"},
	{"es firmar hasta", "Puedo firmar hasta 10.000 € sin consultar.", ""},
	{"es invertimos el año pasado", "El año pasado invertimos 30.000 € en otra herramienta.", ""},
	{"es veinticinco mil", "Podemos invertir veinticinco mil euros al año.", "10k_50k"},
	{"es competencia", "La competencia nos ha ofrecido 30.000 € al año.", ""},
}

func TestBudgetBuckets(t *testing.T) {
	t.Parallel()
	runBudgetCases(t, budgetBucketCases)
}

// runBudgetCases checks each case's budget answer, in parallel subtests
// named after the cases (names must be unique).
func runBudgetCases(t *testing.T, cases []budgetCase) {
	seen := map[string]bool{}
	for _, tc := range cases {
		require.False(t, seen[tc.name], "duplicate case name %q", tc.name)
		seen[tc.name] = true
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := Extract(tc.text, testNow)
			got, _, _, _ := s.Answers()
			require.Equal(t, tc.want, got, "budget answer of %q (signal %+v)", tc.text, s.Budget)
		})
	}
}
