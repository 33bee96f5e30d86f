package bant

import (
	"testing"
	"time"
)

// Received days for the round-8 sentences.
var (
	tlg8Jan = time.Date(2026, 1, 30, 9, 0, 0, 0, time.UTC)  // Friday, Q1
	tlg8Apr = time.Date(2025, 4, 1, 9, 0, 0, 0, time.UTC)   // Tuesday, first day of Q2
	tlg8Sep = time.Date(2025, 9, 30, 9, 0, 0, 0, time.UTC)  // Tuesday, last day of Q3
	tlg8Nov = time.Date(2025, 11, 28, 9, 0, 0, 0, time.UTC) // Friday, late year
	tlg8May = time.Date(2026, 5, 11, 9, 0, 0, 0, time.UTC)  // Monday
	tlg8Dec = time.Date(2026, 12, 31, 9, 0, 0, 0, time.UTC) // Thursday, last day of the year
)

// tlGen8Cases are round-8 constructions, German first, then the same idea
// in English, French and Spanish, with hard negatives: deadlines named by
// an occasion (Christmas Eve, carnival, the school year's start), today
// as a particle ("gleich heute"), a month that must not be over ("bevor
// der Oktober rum ist"), and a purchase negated before a year ("aucun
// achat avant 2028": the earliest start, an open horizon).
var tlGen8Cases = []tlCase{
	// Occasions as deadlines.
	{"de bis Heiligabend", tlg8Nov, "Spätestens bis Heiligabend sollten die neuen Kassen stehen.", "this_month"},
	{"en by Christmas Eve", tlg8Nov, "The new tills should be in place by Christmas Eve.", "this_month"},
	{"fr avant le réveillon", tlg8Nov, "Les nouvelles caisses doivent être installées avant le réveillon.", "this_month"},
	{"es antes de Nochebuena", tlg8Nov, "Las cajas nuevas tienen que estar funcionando antes de Nochebuena.", "this_month"},
	{"de nach Aschermittwoch", tlg8Jan, "Vor Karneval geht eh nix, aber direkt nach Aschermittwoch würden wir starten.", "this_month"},
	{"en after carnival", tlg8Jan, "Nothing happens before carnival, but right after Ash Wednesday we would start.", "this_month"},
	{"fr après le carnaval", tlg8Jan, "Juste après le carnaval, nous voudrions démarrer.", "this_month"},
	{"es después de carnaval", tlg8Jan, "Justo después de carnaval queremos empezar.", "this_month"},
	{"de Karneval Vergangenheit", tlg8May, "Nach Karneval hatten wir viele Ausfälle.", ""},
	{"de Start des Schuljahres", tlg8Apr, "Ziel ist, dass die Lernplattform zum Start des Schuljahres 2025/26 läuft.", "this_year"},
	{"en start of the school year", tlg8Apr, "The platform must be running for the start of the 2025/26 school year.", "this_year"},
	{"fr début de l'année scolaire", tlg8Apr, "La plateforme doit fonctionner pour le début de l'année scolaire.", "this_year"},
	{"es inicio del curso", tlg8Apr, "La plataforma tiene que funcionar para el inicio del curso escolar.", "this_year"},
	// Today as a particle.
	{"de gleich heute", tlg8May, "Würde gern gleich heute die Pro-Version für mich freischalten.", "this_month"},
	{"en right today", tlg8May, "I'd like to activate the pro version right today.", "this_month"},
	{"de heute Routine", tlg8May, "Heute schreiben wir alles von Hand ab.", ""},
	// A month that must not be over.
	{"de bevor der Oktober rum ist", tlg8Sep, "Umgestellt sein wollen wir, bevor der Oktober rum ist.", "this_month"},
	{"en before October is out", tlg8Sep, "We want to have switched before October is out.", "this_month"},
	{"fr avant que octobre ne soit fini", tlg8Sep, "Nous voulons avoir basculé avant la fin d'octobre.", "this_month"},
	{"es antes de que acabe octubre", tlg8Sep, "Queremos haber cambiado antes de que acabe octubre.", "this_month"},
	// A purchase negated before a year: the earliest start.
	{"fr aucun achat avant 2028", tlg8Dec, "Ma direction ne prévoit aucun achat avant 2028.", "no_timeline"},
	{"de kein Kauf vor 2028", tlg8Dec, "Die Geschäftsführung plant keinen Kauf vor 2028.", "no_timeline"},
	{"en no purchase before 2028", tlg8Dec, "Management plans no purchase before 2028.", "no_timeline"},
	{"es ninguna compra antes de 2028", tlg8Dec, "La dirección no prevé ninguna compra antes de 2028.", "no_timeline"},
	{"de für 2027 keine beauftragen", tlg8Dec, "Für 2027 werden wir keine neue Software beauftragen.", "no_timeline"},
	// A date right after incidents is theirs.
	{"de Einbrüche im Winter", tlg8Apr, "Nach zwei Einbrüchen im Winter müssen wir noch in diesem Quartal einen Anbieter festlegen.", "this_quarter"},
	{"en outages this winter", tlg8Apr, "After two outages this winter we have to pick a vendor this quarter.", "this_quarter"},
	{"fr cambriolages cet hiver", tlg8Apr, "Après deux cambriolages cet hiver, nous devons choisir un prestataire ce trimestre.", "this_quarter"},
	{"es robos en invierno", tlg8Apr, "Tras dos robos en invierno tenemos que elegir proveedor este trimestre.", "this_quarter"},
	{"de Winter Plan", tlg8Apr, "Die neue Anlage muss im Winter laufen.", "this_year"},
	// A meeting before the comma, a purchase verb after it.
	{"de Sitzung im März, umgesetzt bis Ende Oktober", time.Date(2025, 1, 20, 9, 0, 0, 0, time.UTC), "Beschließen muss der Gemeinderat in seiner Sitzung im März, umgesetzt werden soll bis spätestens Ende Oktober.", "this_year"},
	{"en board meeting in March, live by October", time.Date(2025, 1, 20, 9, 0, 0, 0, time.UTC), "The council votes at its meeting in March, and it must be live by the end of October.", "this_year"},
	{"fr réunion en mars, déployé fin octobre", time.Date(2025, 1, 20, 9, 0, 0, 0, time.UTC), "Le conseil vote lors de sa réunion en mars, la solution doit être déployée fin octobre.", "this_year"},
	{"es reunión en marzo, implantado en octubre", time.Date(2025, 1, 20, 9, 0, 0, 0, time.UTC), "El pleno decide en su reunión de marzo, y tiene que estar implantado a finales de octubre.", "this_year"},
	{"de Termin, sagen wir Dienstag", tlg8May, "Gern ein Telefonat, sagen wir am Dienstag.", ""},
	// A rule coming into force, dated after its name.
	{"fr avant l'obligation de septembre", time.Date(2026, 1, 2, 9, 0, 0, 0, time.UTC), "Nous voulons automatiser tout ça avant l'obligation de facturation électronique de septembre.", "this_year"},
	{"de vor der E-Rechnungspflicht im September", time.Date(2026, 1, 2, 9, 0, 0, 0, time.UTC), "Wir wollen das vor der E-Rechnungspflicht im September automatisieren.", "this_year"},
	{"en before the e-invoicing mandate in September", time.Date(2026, 1, 2, 9, 0, 0, 0, time.UTC), "We want this automated before the e-invoicing mandate in September.", "this_year"},
	{"es antes de la obligación de septiembre", time.Date(2026, 1, 2, 9, 0, 0, 0, time.UTC), "Queremos automatizarlo antes de la obligación de factura electrónica de septiembre.", "this_year"},
	// Open items of round 7.
	{"de Zeitrahmen: Anfang März", tlg8Jan, "Zeitrahmen: Anfang März.", "this_quarter"},
	{"en Timeline: early March", tlg8Jan, "Timeline: early March.", "this_quarter"},
	{"fr Délai : début mars", tlg8Jan, "Délai : début mars.", "this_quarter"},
	{"es Plazo: principios de marzo", tlg8Jan, "Plazo: principios de marzo.", "this_quarter"},
	{"de hatten im Sommer angefragt", tlg8Sep, "Wir hatten im Sommer schon einmal angefragt, damals ohne Ergebnis.", ""},
	{"en had asked in summer", tlg8Sep, "We had already asked in the summer, without result.", ""},
	{"fr avions demandé cet été", tlg8Sep, "Nous avions déjà demandé cet été, sans suite.", ""},
	{"es habíamos preguntado en verano", tlg8Sep, "Ya habíamos preguntado en verano, sin resultado.", ""},
	{"de zwischen Oktober und November", tlg8Sep, "Die Umstellung soll zwischen Oktober und November erfolgen.", "this_quarter"},
	{"en between October and November", tlg8Sep, "We want to switch between October and November.", "this_quarter"},
	{"fr entre octobre et novembre", tlg8Sep, "Nous voulons basculer entre octobre et novembre.", "this_quarter"},
	{"es entre octubre y noviembre", tlg8Sep, "Queremos cambiar entre octubre y noviembre.", "this_quarter"},
	// v15 (after its clean check): more occasions, closing a deal, a demo
	// is a meeting, no plan in any word order.
	{"de nach Pfingsten ausrollen", tlg8May, "Ich würde das Tool gern direkt nach Pfingsten ausrollen.", "this_month"},
	{"en after Whitsun", tlg8May, "We'd like to roll it out right after Whitsun.", "this_month"},
	{"fr après la Pentecôte", tlg8May, "Nous voulons déployer l'outil juste après la Pentecôte.", "this_month"},
	{"es después de Pentecostés", tlg8May, "Queremos implantarlo justo después de Pentecostés.", "this_month"},
	{"de bis Allerheiligen", time.Date(2026, 10, 12, 9, 0, 0, 0, time.UTC), "Umgesetzt werden soll bis Allerheiligen.", "this_month"},
	{"fr avant la Toussaint", time.Date(2026, 10, 12, 9, 0, 0, 0, time.UTC), "Il faut que ce soit en place avant la Toussaint.", "this_month"},
	{"de im laufenden Quartal unter Dach und Fach", time.Date(2025, 9, 30, 9, 0, 0, 0, time.UTC), "Wir sollen die Lizenzen noch im laufenden dritten Quartal unter Dach und Fach bringen.", "this_quarter"},
	{"fr démonstration en septembre", time.Date(2026, 6, 30, 9, 0, 0, 0, time.UTC), "Pourriez-vous nous faire une démonstration en septembre ?", ""},
	{"en demonstration in September", time.Date(2026, 6, 30, 9, 0, 0, 0, time.UTC), "Could you give us a demonstration in September?", ""},
	{"es demostración en septiembre", time.Date(2026, 6, 30, 9, 0, 0, 0, time.UTC), "¿Podrían hacernos una demostración en septiembre?", ""},
	{"de Pläne gibt es keine", tlg8Dec, "Mit meinem Tool bin ich zufrieden. Konkrete Pläne gibt es keine.", "no_timeline"},
	{"fr aucun changement n'est prévu", tlg8Dec, "Nous sommes contents de notre outil et aucun changement n'est prévu.", "no_timeline"},
	{"en no change is planned", tlg8Dec, "We are happy with our tool and no change is planned.", "no_timeline"},
	{"es no está previsto ningún cambio", tlg8Dec, "Estamos contentos con nuestra herramienta y no está previsto ningún cambio.", "no_timeline"},
	{"de eilt also nicht", tlg8Jan, "Unser Vertrag läuft erst 2028 aus. Eilt also nicht.", "no_timeline"},
	{"en not needed before June", tlg8Jan, "We don't need it before June.", "this_year"},
}

// TestTimelineGeneralisation8 checks the round-8 sentences.
func TestTimelineGeneralisation8(t *testing.T) {
	t.Parallel()
	requireTimelineCases(t, tlGen8Cases)
}
