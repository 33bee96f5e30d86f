package bant

import (
	"testing"
	"time"
)

// Received days for the round-9 sentences.
var (
	tlg9Aug = time.Date(2025, 8, 31, 9, 0, 0, 0, time.UTC)  // Sunday, last day of August
	tlg9Sep = time.Date(2025, 9, 30, 9, 0, 0, 0, time.UTC)  // Tuesday, last day of Q3
	tlg9May = time.Date(2026, 5, 4, 9, 0, 0, 0, time.UTC)   // Monday
	tlg9Dec = time.Date(2026, 12, 31, 9, 0, 0, 0, time.UTC) // Thursday, last day of the year
	tlg9Mar = time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)   // Monday
)

// tlGen9Cases are round-9 constructions (from v16's German misses), German
// first, then the same idea in English, French and Spanish, with hard
// negatives: a season is a whole word ("in Winterthur" is a town), "or
// later" leaves the horizon open, whether and when is open, a project
// called off, "not buying" in any word order, money fronted and negated
// after a period ("Budget haben wir dieses Jahr keins"), a year named
// after "des Jahres" and a double year ("2028/29"), a spoken range of
// years ("zwei, drei Jahre"), and a date that only says when the message
// is sent ("zum Jahresende noch eine Anfrage"); a quarter's closing of the
// books is a routine unless a deadline ("bis zum Quartalsabschluss"), and
// today with an hour ("heute bis 18 Uhr") is a deadline.
var tlGen9Cases = []tlCase{
	// A season is a whole word.
	{"de in Winterthur", tlg9Aug, "Wir sind ein Ingenieurbüro in Winterthur und suchen ein Zeiterfassungstool.", ""},
	{"de in den Sommermonaten", tlg9May, "Umgesetzt werden soll dann in den Sommermonaten.", "this_year"},
	{"en in the summer months", tlg9May, "We want to roll it out in the summer months.", "this_year"},
	{"es invernadero", tlg9Aug, "Tenemos un invernadero en Almería y buscamos un ERP.", ""},
	// Or later: an open horizon.
	{"de vielleicht auch später", tlg9Dec, "Vielleicht im Lauf von 2027, vielleicht auch später.", "no_timeline"},
	{"en or maybe later", tlg9Dec, "Perhaps sometime in 2027, or maybe later.", "no_timeline"},
	{"fr ou même plus tard", tlg9Dec, "Peut-être courant 2027, ou même plus tard.", "no_timeline"},
	{"es o incluso más tarde", tlg9Dec, "Quizás a lo largo de 2027, o incluso más tarde.", "no_timeline"},
	{"en Windows 10 or later", tlg9May, "Our laptops run Windows 10 or later.", ""},
	// Whether and when is open.
	{"de ob und wann", time.Date(2025, 11, 14, 9, 0, 0, 0, time.UTC), "Für das erste Halbjahr 2026 ist eine Markterkundung geplant; ob und wann eine Ausschreibung folgt, ist offen.", "no_timeline"},
	{"en whether and when", tlg9May, "Whether and when a tender follows is still open.", "no_timeline"},
	{"fr si et quand", tlg9May, "Si et quand un appel d'offres suivra, ce n'est pas décidé.", "no_timeline"},
	{"es si y cuándo", tlg9May, "Si y cuándo habrá licitación, todavía está abierto.", "no_timeline"},
	// A project called off.
	{"de Projekt abgesagt", tlg9May, "Das Projekt ist inzwischen abgesagt, weil wir übernommen werden.", "no_timeline"},
	{"en project scrapped", tlg9May, "The project has been scrapped after the merger.", "no_timeline"},
	{"fr projet abandonné", tlg9May, "Le projet a été abandonné suite au rachat.", "no_timeline"},
	{"es proyecto cancelado", tlg9May, "El proyecto fue cancelado tras la fusión.", "no_timeline"},
	{"de Termin abgesagt", tlg9May, "Leider musste ich den Termin am Montag absagen.", ""},
	// Not buying, any word order; a spending stop.
	{"de kaufen möchte ich nichts", tlg9May, "Dürfte ich Ihnen ein paar Fragen stellen? Kaufen möchte ich natürlich nichts.", "no_timeline"},
	{"de Investitionsstopp", tlg9May, "Der Konzern hat einen Investitionsstopp verhängt.", "no_timeline"},
	{"en spending freeze", tlg9May, "Head office has put a spending freeze on all projects.", "no_timeline"},
	{"fr gel des investissements", tlg9May, "Le groupe a décidé un gel des investissements.", "no_timeline"},
	{"es congelación de inversiones", tlg9May, "La matriz ha decretado una congelación de inversiones.", "no_timeline"},
	// Money fronted, negated after the period: the money's state.
	{"de Budget aktuell keins", tlg9Mar, "Budget haben wir aktuell keins, wir finanzieren uns über Spenden.", ""},
	{"de Budget dieses Jahr keins, auf Eis", tlg9May, "Das liegt bei uns auf Eis. Budget gibt's dieses Jahr keins mehr.", "no_timeline"},
	{"de frühestens mit dem Haushalt", tlg9Mar, "Budget haben wir für dieses Jahr keins mehr eingeplant, das kommt frühestens mit dem Haushalt 2026.", "no_timeline"},
	// A named year after "des Jahres"; a double year.
	{"de im Laufe des Jahres 2026", tlg9Sep, "Die Umstellung ist für irgendwann im Laufe des Jahres 2026 angedacht.", "no_timeline"},
	{"en in the course of the year 2026", tlg9Sep, "The switch is planned for the course of the year 2026.", "no_timeline"},
	{"fr courant de l'année 2026", tlg9Sep, "Le changement est prévu dans le courant de l'année 2026.", "no_timeline"},
	{"es a lo largo del año 2026", tlg9Sep, "El cambio está previsto a lo largo del año 2026.", "no_timeline"},
	{"de im Laufe des Jahres", tlg9May, "Die Umstellung soll im Laufe des Jahres kommen.", "this_year"},
	{"de nicht vor dem Doppelhaushalt", time.Date(2026, 10, 5, 9, 0, 0, 0, time.UTC), "Eine Anschaffung ist nicht vor dem Doppelhaushalt 2028/29 möglich.", "no_timeline"},
	{"en not before the 2028/29 budget", time.Date(2026, 10, 5, 9, 0, 0, 0, time.UTC), "A purchase is not possible before the 2028/29 budget.", "no_timeline"},
	// A spoken range of years.
	{"de in den nächsten zwei, drei Jahren", tlg9Dec, "Wir überlegen, in den nächsten zwei, drei Jahren unser Intranet zu erneuern.", "no_timeline"},
	{"fr dans les deux, trois ans", tlg9Dec, "Nous pensons refaire l'intranet dans deux, trois ans.", "no_timeline"},
	{"es en dos, tres años", tlg9Dec, "Pensamos renovar la intranet en dos, tres años.", "no_timeline"},
	// When the message is sent.
	{"de zum Jahresende noch eine Anfrage", tlg9Dec, "Zum Jahresende noch eine Anfrage: Wir überlegen, unsere Seminarverwaltung auszulagern.", ""},
	{"en before the holidays a quick question", time.Date(2026, 12, 18, 9, 0, 0, 0, time.UTC), "Before the holidays, a quick question: do you integrate with DATEV?", ""},
	{"fr avant les fêtes une petite question", time.Date(2026, 12, 18, 9, 0, 0, 0, time.UTC), "Avant la fin de l'année, une petite question : êtes-vous compatibles avec Sage ?", ""},
	{"es antes de fin de año una consulta", time.Date(2026, 12, 18, 9, 0, 0, 0, time.UTC), "Antes de fin de año, una consulta: ¿se integran con Holded?", ""},
	{"de bis Jahresende einführen", time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC), "Wir wollen das Tool bis Jahresende einführen.", "this_quarter"},
	// The books' closing is a routine unless it is a deadline.
	{"de Quartalsabschluss geht los", time.Date(2026, 6, 30, 9, 0, 0, 0, time.UTC), "Gern noch diese Woche, ab Montag geht bei uns der Quartalsabschluss los.", "this_month"},
	{"en quarter close starts", time.Date(2026, 6, 30, 9, 0, 0, 0, time.UTC), "Ideally this week, on Monday our quarter close starts.", "this_month"},
	{"es antes del cierre del trimestre", time.Date(2026, 5, 4, 9, 0, 0, 0, time.UTC), "Queremos tenerlo funcionando antes del cierre del trimestre.", "this_quarter"},
	{"fr avant la clôture du trimestre", time.Date(2026, 5, 4, 9, 0, 0, 0, time.UTC), "Nous voulons l'outil en place avant la clôture du trimestre.", "this_quarter"},
	// Today with the deadline's hour.
	{"de heute bis 18 Uhr gebucht", tlg9Dec, "Wir haben noch 8.000 € Restbudget, die heute bis 18 Uhr gebucht sein müssen, sonst verfallen sie.", "this_month"},
	{"en today by 6 pm", tlg9Dec, "The order must be placed today by 6 pm.", "this_month"},
	{"fr aujourd'hui avant 18h", tlg9Dec, "La commande doit être passée aujourd'hui avant 18h.", "this_month"},
	{"es hoy antes de las 18", tlg9Dec, "El pedido tiene que estar hecho hoy antes de las 18.", "this_month"},
	{"de heute bis 18 Uhr erreichbar", tlg9Dec, "Ich bin heute bis 18 Uhr erreichbar, rufen Sie mich an.", ""},
	{"de heute bis 18 Uhr im Büro", tlg9Dec, "Heute bis 18 Uhr sind wir im Büro, wir müssen noch viel erledigen.", ""},
	// v17 (after its clean check): a fiscal year's end made a deadline
	// by "bis dahin"; a choice of
	// years; plans fronted and denied; nothing happens this year; when
	// something was said; a price list asked for after the holidays.
	{"de Geschäftsjahr endet, bis dahin", time.Date(2026, 3, 31, 9, 0, 0, 0, time.UTC), "Unser Geschäftsjahr endet am 30.09. Bis dahin muss das neue Kassensystem laufen.", "this_year"},
	{"en fiscal year ends, by then", time.Date(2026, 10, 30, 9, 0, 0, 0, time.UTC), "Our fiscal year ends on 31 March; the funds must be spent by then.", "this_year"},
	{"fr exercice se termine, d'ici là", time.Date(2026, 10, 30, 9, 0, 0, 0, time.UTC), "Notre exercice se termine le 31 mars, les fonds doivent être dépensés d'ici là.", "this_year"},
	{"es año fiscal termina, para entonces", time.Date(2026, 10, 30, 9, 0, 0, 0, time.UTC), "Nuestro año fiscal termina el 31 de marzo y para entonces hay que gastar los fondos.", "this_year"},
	{"de Geschäftsjahr endet, kein Plan", time.Date(2026, 10, 30, 9, 0, 0, 0, time.UTC), "Unser Geschäftsjahr endet am 31. März.", ""},
	{"de 2026 oder 2027", time.Date(2025, 1, 20, 9, 0, 0, 0, time.UTC), "Wir denken darüber nach, 2026 oder 2027 unsere Website zu relaunchen.", "no_timeline"},
	{"en 2026 or 2027", time.Date(2025, 1, 20, 9, 0, 0, 0, time.UTC), "We are thinking of relaunching the website 2026 or 2027.", "no_timeline"},
	{"fr 2026 ou 2027", time.Date(2025, 1, 20, 9, 0, 0, 0, time.UTC), "Nous pensons refaire le site, 2026 ou 2027.", "no_timeline"},
	{"es 2026 o 2027", time.Date(2025, 1, 20, 9, 0, 0, 0, time.UTC), "Pensamos renovar la web, 2026 o 2027.", "no_timeline"},
	{"de Pläne haben wir keine", tlg9May, "Konkrete Pläne haben wir keine, ich möchte nur das Partnerprogramm kennen.", "no_timeline"},
	{"es planes concretos no tenemos", tlg9May, "Planes concretos no tenemos, solo queremos conocer el programa.", "no_timeline"},
	{"de dieses Jahr passiert nichts mehr", time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC), "Dieses Jahr passiert bei uns nichts mehr, das Budget ist komplett ausgeschöpft.", "no_timeline"},
	{"en this year nothing will happen", time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC), "This year nothing will happen, the budget is spent.", "no_timeline"},
	{"fr cette année il ne se passera plus rien", time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC), "Cette année il ne se passera plus rien.", "no_timeline"},
	{"es este año ya no va a pasar nada", time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC), "Este año ya no va a pasar nada.", "no_timeline"},
	{"de dieses Jahr noch, sonst passiert nichts", time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC), "Dieses Jahr wollen wir noch umstellen, sonst passiert nichts.", "this_month"},
	{"de wie im Dezember angekündigt", time.Date(2025, 1, 2, 9, 0, 0, 0, time.UTC), "Wie im Dezember angekündigt: Das Budget wurde nicht freigegeben.", ""},
	{"en as discussed in March", time.Date(2025, 1, 2, 9, 0, 0, 0, time.UTC), "As discussed in March, we want to start in June.", "this_year"},
	{"es como le comenté en diciembre", time.Date(2025, 1, 2, 9, 0, 0, 0, time.UTC), "Como le comenté en diciembre, queremos empezar en marzo.", "this_quarter"},
	{"fr comme annoncé en décembre", time.Date(2025, 1, 2, 9, 0, 0, 0, time.UTC), "Comme annoncé en décembre, nous voulons démarrer en mars.", "this_quarter"},
	{"de wie besprochen im März", time.Date(2025, 1, 2, 9, 0, 0, 0, time.UTC), "Wie besprochen wollen wir im März starten.", "this_quarter"},
	{"de Preisliste nach den Feiertagen", time.Date(2025, 12, 23, 9, 0, 0, 0, time.UTC), "Bitte schicken Sie uns nach den Feiertagen Ihre Preisliste für die ERP-Module.", ""},
	{"en price list after the holidays", time.Date(2025, 12, 23, 9, 0, 0, 0, time.UTC), "Please send us your price list after the holidays.", ""},
}

// TestTimelineGeneralisation9 checks the round-9 sentences.
func TestTimelineGeneralisation9(t *testing.T) {
	t.Parallel()
	requireTimelineCases(t, tlGen9Cases)
}
