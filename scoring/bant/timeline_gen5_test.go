package bant

import (
	"testing"
	"time"
)

// Received days for the round-5 sentences.
var (
	tlg5May = time.Date(2026, 5, 12, 9, 0, 0, 0, time.UTC) // Tuesday
	tlg5Aug = time.Date(2025, 8, 20, 9, 0, 0, 0, time.UTC) // Wednesday
	tlg5Oct = time.Date(2026, 10, 6, 9, 0, 0, 0, time.UTC) // Tuesday
)

// tlGen5Cases are round-5 sentences written before any v8 item was read,
// English and German first: timing said through an event or a constraint
// (an audit, a move, a contract running out, the summer break, a season,
// the fiscal year), plans that moved (the later plan counts), hedged and
// negated plans, and dates that are not purchase dates (meetings,
// webinars, holidays, founding years).
var tlGen5Cases = []tlCase{
	// A contract that runs out on a date: the purchase must be in place by then.
	{"en contract runs out on", tlg5May, "Our current contract with the payroll provider runs out on 30 June, so we need a replacement by then.", "this_quarter"},
	{"en contract expires end of Sept", tlg5May, "Our helpdesk licence expires at the end of September and we won't renew it.", "this_year"},
	{"en lease ends", tlg5May, "The lease on our copiers ends in August; we'd like new ones in before that.", "this_year"},
	{"de Vertrag läuft aus", tlg5May, "Unser Vertrag mit dem jetzigen Anbieter läuft am 30.06. aus, bis dahin brauchen wir eine Lösung.", "this_quarter"},
	{"de Lizenz endet Ende September", tlg5May, "Die Lizenz für unser altes Ticketsystem endet Ende September.", "this_year"},
	{"de Kündigungsfrist", tlg5May, "Wir können den alten Vertrag zum 31. August kündigen und wollen dann wechseln.", "this_year"},
	{"fr contrat expire", tlg5May, "Notre contrat actuel expire le 30 juin, il nous faut une solution d'ici là.", "this_quarter"},
	{"es contrato vence", tlg5May, "Nuestro contrato actual vence el 30 de junio y queremos cambiar antes.", "this_quarter"},
	// The summer break, a season, a move done, an audit with its date.
	{"en after the summer break", tlg5May, "We'd like to start with the new system right after the summer break, in September.", "this_year"},
	{"en after summer holidays", tlg5Aug, "We plan to roll it out after the summer holidays.", "this_quarter"},
	{"de nach der Sommerpause", tlg5Aug, "Wir möchten nach der Sommerpause mit der Einführung starten.", "this_quarter"},
	{"de nach den Sommerferien", tlg5May, "Direkt nach den Sommerferien soll das neue Klassenbuch laufen.", "this_year"},
	{"fr après l'été", tlg5Aug, "On voudrait démarrer après la pause estivale.", "this_quarter"},
	{"es después del verano", tlg5Aug, "Queremos arrancar después del verano.", "this_quarter"},
	{"en for the season", tlg5May, "We need the new booking tool in place for the summer season, which opens on 1 July.", "this_quarter"},
	{"de zur Saison", tlg5May, "Zur Saisoneröffnung am 1. Juli muss das Kassensystem laufen.", "this_quarter"},
	{"en once the move in July", tlg5May, "Once our move to the new warehouse is done in July we want the scanners set up.", "this_quarter"},
	{"de nach dem Umzug im Juli", tlg5May, "Nach dem Umzug im Juli wollen wir die Telefonanlage tauschen.", "this_quarter"},
	{"en before the audit in", tlg5May, "The access logs must be fixed before our ISO audit in September.", "this_year"},
	{"de vor dem Audit im", tlg5May, "Bis zum Audit im September muss das neue System laufen.", "this_year"},
	// The fiscal year.
	{"en before FY ends in June", tlg5May, "We have to spend the training budget before our fiscal year ends in June.", "this_quarter"},
	{"en new fiscal year starting", tlg5Aug, "We'd purchase in the new fiscal year, which starts on 1 October.", "this_quarter"},
	{"de neues Geschäftsjahr", tlg5Aug, "Anschaffen wollen wir mit dem neuen Geschäftsjahr ab 1. Oktober.", "this_quarter"},
	{"neg en fiscal year ends only", tlg5May, "Our fiscal year ends in June. We are a team of 40 accountants.", ""},
	{"neg de Geschäftsjahr only", tlg5May, "Unser Geschäftsjahr endet am 30. September, wir haben 120 Mitarbeiter.", ""},
	// Plans that moved: the later plan counts.
	{"en had planned March now autumn", tlg5Aug, "We had planned to go live in March, now it will be autumn.", "this_year"},
	{"en originally Q3 pushed to Q4", tlg5Aug, "Originally this was a Q3 project, it has been pushed to Q4.", "this_year"},
	{"en was supposed to be June, now October", tlg5May, "The rollout was supposed to be in June but slipped to October.", "this_year"},
	{"de eigentlich März jetzt Herbst", tlg5May, "Eigentlich war die Umstellung für März geplant, jetzt wird es wohl Herbst.", "this_year"},
	{"de verschoben auf", tlg5May, "Das Projekt wurde von Juni auf November verschoben.", "this_year"},
	{"de nicht mehr Juni sondern", tlg5May, "Start nicht mehr im Juni, sondern erst im Oktober.", "this_year"},
	{"fr prévu mars, maintenant automne", tlg5May, "On avait prévu mars, ce sera finalement l'automne.", "this_year"},
	{"es previsto marzo ahora otoño", tlg5May, "Teníamos previsto empezar en junio, ahora será en octubre.", "this_year"},
	// Hedged plans count; negated plans do not.
	{"en probably around October", tlg5May, "Probably around October, if all goes well with the budget.", "this_year"},
	{"en if all goes well by", tlg5May, "If all goes well we'd sign by the end of June.", "this_quarter"},
	{"de voraussichtlich Herbst", tlg5May, "Die Anschaffung ist voraussichtlich im Herbst.", "this_year"},
	{"de wenn alles klappt", tlg5May, "Wenn alles klappt, starten wir im Juli.", "this_quarter"},
	{"en won't buy before", tlg5May, "We won't be buying anything before 2028.", "no_timeline"},
	{"en not this year", tlg5May, "It's not going to happen this year.", "no_timeline"},
	{"en not until next year", tlg5Aug, "Nothing will happen until next year, realistically not before the summer of 2027.", "no_timeline"},
	{"de dieses Jahr nicht mehr", tlg5May, "Dieses Jahr wird das nichts mehr, frühestens 2028.", "no_timeline"},
	{"de nicht vor 2028", tlg5May, "Eine Anschaffung ist nicht vor 2028 realistisch.", "no_timeline"},
	{"de kein Kauf dieses Jahr", tlg5May, "Dieses Jahr kaufen wir keine neue Software mehr.", "no_timeline"},
	{"fr pas cette année", tlg5May, "Ce ne sera pas pour cette année.", "no_timeline"},
	{"es no este año", tlg5May, "Este año no vamos a invertir en esto.", "no_timeline"},
	// Dates that are not purchase dates.
	{"neg en meeting Tuesday", tlg5May, "Could we set up a call on Tuesday 19 May at 10am?", ""},
	{"neg en webinar attended", tlg5May, "I attended your webinar on 28 April and had a question about exports.", ""},
	{"neg en webinar next", tlg5May, "Will there be a recording of the webinar on 3 June?", ""},
	{"neg en holiday", tlg5May, "I'm on holiday until 25 May, please reply to my colleague.", ""},
	{"neg en founded", tlg5May, "We were founded in 1998 and have grown to 300 staff.", ""},
	{"neg en since 2019", tlg5May, "We have used the same ERP since 2019.", ""},
	{"neg en office closed", tlg5May, "Note our office is closed from 24 December to 2 January.", ""},
	{"neg de Termin", tlg5May, "Passt Ihnen ein Telefontermin am Donnerstag, 21.05., um 14 Uhr?", ""},
	{"neg de Webinar", tlg5May, "Ich habe an Ihrem Webinar am 28. April teilgenommen.", ""},
	{"neg de Urlaub", tlg5May, "Ich bin bis zum 25. Mai im Urlaub, danach gern ein Gespräch.", ""},
	{"neg de gegründet", tlg5May, "Wir wurden 1998 gegründet und haben heute 300 Mitarbeiter.", ""},
	{"neg de seit", tlg5May, "Seit 2019 nutzen wir dasselbe ERP.", ""},
	{"neg fr fondée", tlg5May, "Notre société a été fondée en 1998.", ""},
	{"neg fr webinaire", tlg5May, "J'ai assisté à votre webinaire du 28 avril.", ""},
	{"neg es fundada", tlg5May, "La empresa fue fundada en 1998.", ""},
	{"neg es vacaciones", tlg5May, "Estaré de vacaciones hasta el 25 de mayo.", ""},
	// Say no timeline.
	{"en no set date", tlg5May, "No set date yet, we're still comparing.", "no_timeline"},
	{"en when it makes sense", tlg5May, "We'll switch when the time is right, no deadline on our side.", "no_timeline"},
	{"de kein fester Zeitpunkt", tlg5May, "Einen festen Zeitpunkt gibt es noch nicht.", "no_timeline"},
	{"de irgendwann", tlg5May, "Irgendwann wollen wir das sicher digitalisieren.", "no_timeline"},
	// A constraint's date named by its start or end, no preposition.
	{"en fiscal year starts, go-live then", tlg5Aug, "Our fiscal year starts 1 November and the go-live target is that date.", "this_quarter"},
	{"de Geschäftsjahr (Beginn)", tlg5Aug, "Für das neue Geschäftsjahr (Beginn 1. Oktober) wollen wir die Einführung abgeschlossen haben.", "this_quarter"},
	{"fr exercice débute", tlg5Aug, "Notre exercice débute le 1er octobre et nous voulons démarrer avec le nouvel outil.", "this_quarter"},
	{"es año fiscal empieza", tlg5Aug, "Nuestro año fiscal empieza el 1 de octubre y queremos arrancar con el nuevo sistema.", "this_quarter"},
	{"en spend before FY ends", tlg5May, "The grant money must be spent in this fiscal year, which ends 30 June.", "this_quarter"},
	{"neg fr exercice se termine", tlg5May, "Notre exercice se termine le 30 juin. Nous sommes 40 salariés.", ""},
	// A date referred back to as the deadline.
	{"en by then", tlg5May, "Our new warehouse opens on 20 June. We need the scanners working by then.", "this_quarter"},
	{"de bis dahin", tlg5May, "Am 20. Juni eröffnet das neue Lager. Bis dahin müssen die Scanner laufen.", "this_quarter"},
	{"fr d'ici là", tlg5May, "Le nouvel entrepôt ouvre le 20 juin. Il faut que les scanners marchent d'ici là.", "this_quarter"},
	{"es para entonces", tlg5May, "El nuevo almacén abre el 20 de junio y para entonces necesitamos los escáneres.", "this_quarter"},
	// A span given to act.
	{"en we have 3 weeks to", tlg5May, "The auditor found gaps and we have 3 weeks to fix them.", "this_month"},
	{"de wir haben 6 Wochen", tlg5May, "Die Prüfer haben Mängel gefunden, wir haben noch 6 Wochen, um sie zu beheben.", "this_quarter"},
	{"fr on a deux mois pour", tlg5May, "L'inspection a relevé des écarts et on a deux mois pour corriger.", "this_quarter"},
	{"es nos dan 20 días", tlg5May, "La inspección nos dan 20 días para corregirlo.", "this_month"},
	// A person leaving or arriving on a date a year-turn ahead.
	{"de bevor sie anfängt", tlgLateDec, "Bevor die neue Kollegin am 11. Januar anfängt, soll das Ticketsystem laufen.", "this_month"},
	{"en before she starts", tlgLateDec, "Before the new office manager starts on 20 January we want the phones replaced.", "this_month"},
	{"fr avant l'arrivée le", tlgLateDec, "Je voudrais que tout soit prêt avant l'arrivée de la nouvelle comptable le 20 janvier.", "this_month"},
	{"en last day is", tlg5Aug, "Our admin's last day is September 12, we need managed IT in place before he leaves.", "this_month"},
	// Breaks that fill a month: due at its start.
	{"es antes de las vacaciones de agosto", tlg5May, "Lo queremos instalado antes de las vacaciones de agosto.", "this_quarter"},
	{"de vor den Betriebsferien im August", tlg5May, "Das neue System soll vor den Betriebsferien im August laufen.", "this_quarter"},
	{"fr avant les congés d'août", tlg5May, "On veut que ce soit installé avant les congés d'août.", "this_quarter"},
	// Not before an action: an open horizon; not needed before: a deadline.
	{"en won't buy before", tlg5Aug, "We won't buy anything before 2027, we're just looking.", "no_timeline"},
	{"de kaufen nicht vor", tlg5Aug, "Wir werden nicht vor 2027 etwas kaufen.", "no_timeline"},
	{"fr n'achèterons rien avant", tlg5Aug, "Nous n'achèterons rien avant 2027.", "no_timeline"},
	{"es no compraremos antes", tlg5Aug, "No vamos a comprar nada antes de 2027.", "no_timeline"},
	{"neg en don't need it before", tlg5Aug, "We don't need it before November, but it must be live by then.", "this_quarter"},
	// Money negated alone says nothing on timing; with a plan it does.
	{"en zero budget this year", tlg5May, "We have zero budget for consultants this year.", ""},
	{"es sin presupuesto este año", tlg5May, "No tenemos presupuesto para formación este año.", ""},
	// Incidents: ordinal times, never again, a metric's past.
	{"neg en third time this month", tlg5May, "Third time this month the printer ate the invoices.", ""},
	{"neg de zum dritten Mal", tlg5May, "Zum dritten Mal diesen Monat ist der Server ausgefallen.", ""},
	{"neg fr troisième fois", tlg5May, "Pour la troisième fois ce mois-ci, la caisse a planté.", ""},
	{"neg es tercera vez", tlg5May, "Es la tercera vez este mes que se cae la web.", ""},
	{"neg de nie wieder", tlg5Aug, "So ein Ausfall wie im Mai darf nie wieder passieren.", ""},
	{"neg en revenue crossed", tlg5May, "Our revenue crossed $10M this year and we now have 90 staff.", ""},
	// Routine period ends and wishes are no dates.
	{"neg en at month-end", tlg5May, "Two people reconcile the card statements by hand at month-end.", ""},
	{"neg de am Monatsende", tlg5May, "Die Buchhaltung gleicht am Monatsende alles von Hand ab.", ""},
	{"neg es al final del mes", tlg5May, "Al final del mes nadie sabe cuánto material se gastó.", ""},
	{"neg fr bonne fin d'année", tlgLateDec, "Merci et bonne fin d'année à toute l'équipe !", ""},
	// A bare month a plan moved to.
	{"fr plutôt septembre", tlg5May, "Le projet a glissé, ce sera plutôt septembre.", "this_year"},
	{"de eher Oktober", tlg5May, "Der Start verschiebt sich, es wird eher Oktober.", "this_year"},
	{"es más bien octubre", tlg5May, "El arranque se retrasa, será más bien en octubre.", "this_year"},
	{"en slipped to October", tlg5May, "The rollout slipped to October.", "this_year"},
	// A month right after "next year".
	{"fr l'an prochain, vers mars", tlg5Oct, "On remplacera les caisses l'an prochain, vers mars ou avril.", "this_year"},
	{"en next year, around March", tlg5Oct, "We'd replace the tills next year, around March.", "this_year"},
	{"de nächstes Jahr, gegen März", tlg5Oct, "Wir tauschen die Kassen nächstes Jahr, gegen März.", "this_year"},
	{"es el año que viene, hacia marzo", tlg5Oct, "Cambiaremos las cajas el año que viene, hacia marzo.", "this_year"},
}

func TestTimelineGeneralisation5(t *testing.T) {
	t.Parallel()
	requireTimelineCases(t, tlGen5Cases)
}
