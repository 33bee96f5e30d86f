package bant

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Reference days for the timeline table: a quarter's first day, a day
// mid-quarter, late spring and early in the year.
var (
	tlQ3Start = time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC)   // Wednesday, first day of Q3
	tlMidSep  = time.Date(2026, 9, 15, 9, 0, 0, 0, time.UTC)  // Tuesday, 16 days before Q3 ends
	tlMay     = time.Date(2026, 5, 10, 9, 0, 0, 0, time.UTC)  // Sunday, in spring
	tlJan     = time.Date(2026, 1, 20, 9, 0, 0, 0, time.UTC)  // Tuesday, in winter
	tlOct     = time.Date(2026, 10, 15, 9, 0, 0, 0, time.UTC) // Thursday, 77 days before year end
)

// TestTimelineAnswers checks the timeline answer (the corpus label) of
// phrases in four languages, including hard negatives whose dates are not
// purchase dates, and that Months always agrees with the label under the
// scoring rules' thresholds (months <= 1, <= 3, <= 12).
func TestTimelineAnswers(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		now  time.Time
		text string
		want string // the timeline answer; "" for none
	}{
		// Windows keep their label whatever day it is.
		{"this quarter on its first day", tlQ3Start, "We want to buy this quarter.", "this_quarter"},
		{"end of Q3 inside Q3", tlQ3Start, "Contract signed by end of Q3.", "this_quarter"},
		{"dieses Quartal first day", tlQ3Start, "Wir wollen noch in diesem Quartal starten.", "this_quarter"},
		{"ce trimestre first day", tlQ3Start, "Nous voulons signer ce trimestre.", "this_quarter"},
		{"este trimestre first day", tlQ3Start, "Queremos comprar este trimestre.", "this_quarter"},
		{"within the month", tlMidSep, "We need to decide within the month.", "this_month"},
		{"by year end in September", tlMidSep, "Must be live by year end.", "this_year"},
		{"by year end in October", tlOct, "Must be live by year end.", "this_quarter"},

		// Seasons (northern hemisphere), horizon at the season's end.
		{"this summer", tlMay, "We'd like to roll it out this summer.", "this_year"},
		{"in the spring", tlMidSep, "Go-live in the spring.", "this_year"},
		{"im Herbst current", tlMidSep, "Die Einführung ist im Herbst geplant.", "this_quarter"},
		{"im Frühjahr", tlJan, "Wir möchten im Frühjahr umstellen.", "this_year"},
		{"im Sommer", tlMay, "Start im Sommer wäre ideal.", "this_year"},
		{"cet été", tlMay, "On voudrait démarrer cet été.", "this_year"},
		{"à l'automne", tlMay, "Déploiement prévu à l'automne.", "this_year"},
		{"este verano", tlMay, "Queremos implementarlo este verano.", "this_year"},
		{"en primavera", tlJan, "Nos gustaría arrancar en primavera.", "this_year"},

		// Numeric dates in each language's format.
		{"US date", tlMidSep, "We need it live by 10/15.", "this_month"},
		{"German date", tlMidSep, "Wir brauchen das bis 15.10. live.", "this_month"},
		{"German date with year", tlMidSep, "Einführung bis 15.10.2026 geplant.", "this_month"},
		{"German date in December", tlMidSep, "Die Umstellung muss bis 15.12. erfolgen.", "this_quarter"},
		{"French date", tlMidSep, "Nous devons démarrer avant le 15/10.", "this_month"},
		{"Spanish date", tlMidSep, "Necesitamos implementarlo antes del 15/10.", "this_month"},
		{"ISO date", tlMidSep, "Go-live by 2026-10-15.", "this_month"},
		{"German split day month", tlMidSep, "Wir möchten zum 1. Dezember umstellen.", "this_quarter"},

		// Quarters and halves.
		{"Q1 next year", tlMidSep, "We plan to purchase in Q1 next year.", "this_year"},
		{"H2", tlJan, "Rollout planned for H2.", "this_year"},
		{"zweites Halbjahr", tlJan, "Die Einführung ist im zweiten Halbjahr geplant.", "this_year"},
		{"third quarter German", tlMay, "Wir wollen im dritten Quartal starten.", "this_year"},
		{"T4 French", tlMidSep, "Nous visons un lancement au T4.", "this_year"},

		// German, French and Spanish windows and durations.
		{"so schnell wie möglich", tlMidSep, "Wir brauchen das so schnell wie möglich.", "this_month"},
		{"bis Ende des Monats", tlMidSep, "Entscheidung bis Ende des Monats.", "this_month"},
		{"bis Ende des Quartals", tlMidSep, "Wir wollen bis Ende des Quartals kaufen.", "this_quarter"},
		{"bis Ende des Jahres", tlMidSep, "Die Lösung soll bis Ende des Jahres laufen.", "this_year"},
		{"nächsten Monat mid-month", tlMidSep, "Wir wollen nächsten Monat starten.", "this_quarter"},
		{"in zwei Wochen", tlMidSep, "Wir entscheiden in zwei Wochen.", "this_month"},
		{"dès que possible", tlMidSep, "Nous en avons besoin dès que possible.", "this_month"},
		{"d'ici la fin du mois", tlMidSep, "Décision d'ici la fin du mois.", "this_month"},
		{"d'ici la fin du trimestre", tlMidSep, "On veut signer d'ici la fin du trimestre.", "this_quarter"},
		{"d'ici la fin de l'année", tlMidSep, "Déploiement d'ici la fin de l'année.", "this_year"},
		{"le mois prochain", tlMidSep, "On voudrait démarrer le mois prochain.", "this_quarter"},
		{"lo antes posible", tlMidSep, "Lo necesitamos lo antes posible.", "this_month"},
		{"antes de fin de mes", tlMidSep, "Queremos decidir antes de fin de mes.", "this_month"},
		{"antes de fin de año", tlMidSep, "Debe estar funcionando antes de fin de año.", "this_year"},
		{"el próximo trimestre", tlMidSep, "Vamos a comprar el próximo trimestre.", "this_year"},
		{"en dos semanas", tlMidSep, "Queremos empezar en dos semanas.", "this_month"},
		{"French month end", tlMidSep, "Mise en place d'ici fin octobre.", "this_quarter"},
		{"Spanish month", tlMidSep, "Queremos arrancar a finales de noviembre.", "this_quarter"},

		// No timeline: negated plans, no date, no hurry.
		{"not buying at the moment", tlMidSep, "We're not buying anything at the moment.", "no_timeline"},
		{"no fixed date", tlMidSep, "There is no fixed date for this yet.", "no_timeline"},
		{"don't plan to buy this year", tlMidSep, "We don't plan to buy this year.", "no_timeline"},
		{"no timeline yet", tlMidSep, "No timeline yet, we'll see.", "no_timeline"},
		{"keine Eile", tlMidSep, "Keine Eile, wir schauen uns das in Ruhe an.", "no_timeline"},
		{"kein fester Termin", tlMidSep, "Es gibt noch keinen festen Termin.", "no_timeline"},
		{"dieses Jahr nicht", tlMidSep, "Dieses Jahr kaufen wir nichts mehr.", "no_timeline"},
		{"aktuell kein Bedarf", tlMidSep, "Wir haben aktuell keinen Bedarf.", "no_timeline"},
		{"pas de date précise", tlMidSep, "Pas de date précise pour le moment.", "no_timeline"},
		{"pas pressé", tlMidSep, "On n'est pas pressés.", "no_timeline"},
		{"ne prévoyons pas cette année", tlMidSep, "Nous ne prévoyons pas d'acheter cette année.", "no_timeline"},
		{"sin fecha definida", tlMidSep, "Todavía sin fecha definida.", "no_timeline"},
		{"sin prisa", tlMidSep, "Sin prisa, es para más adelante.", "no_timeline"},
		{"no vamos a comprar este año", tlMidSep, "No vamos a comprar nada este año.", "no_timeline"},
		{"next year is later", tlMidSep, "Probably next year.", "no_timeline"},
		{"nächstes Jahr", tlMidSep, "Das wird eher nächstes Jahr.", "no_timeline"},
		{"l'année prochaine", tlMidSep, "Ce sera pour l'année prochaine.", "no_timeline"},
		{"el año que viene", tlMidSep, "Lo veremos el año que viene.", "no_timeline"},
		{"no rush but a date wins", tlMidSep, "No rush, but ideally live by end of October.", "this_quarter"},
		{"hedged date still counts", tlMidSep, "Not urgent, maybe in the spring.", "this_year"},
		{"cut as a goal", tlQ3Start, "We want to cut onboarding time by end of Q3.", "this_quarter"},
		{"budget cut this year", tlMidSep, "Este año nos recortaron el subsidio.", "no_timeline"},
		{"cut this year, spring next", tlMidSep, "Notre budget a été coupé pour cette année. On espère relancer le projet au printemps prochain.", "this_year"},
		{"Black Friday", tlOct, "Je signe avant le Black Friday de cette année.", "this_quarter"},
		{"before Christmas", tlMidSep, "We want it live before Christmas.", "this_year"},
		{"Semana Santa", tlJan, "Me gustaría tenerlo funcionando antes de Semana Santa.", "this_quarter"},
		{"fin d'août", tlMay, "Nous visons une migration d'ici la fin d'août.", "this_year"},
		{"bis nächsten Freitag", tlMidSep, "Wir brauchen bis nächsten Freitag eine Lösung.", "this_month"},
		{"before the 24th", tlMidSep, "I need a signed agreement before the 24th.", "this_month"},
		{"ende jahr swiss", tlMidSep, "Ziel ist die Einführung bis Ende Jahr.", "this_year"},
		{"im Laufe des Quartals", tlQ3Start, "Wir möchten im Laufe des Quartals starten.", "this_quarter"},
		{"hedged next-year month", tlMidSep, "Je ne sais pas encore, peut-être en mars.", "this_year"},
		{"ne ... qu'en", tlMidSep, "Nous ne pourrons démarrer qu'en janvier.", "this_year"},
		{"won't decide before", tlMidSep, "We won't decide before March.", "this_year"},
		{"nicht vor März", tlMidSep, "Entscheidung nicht vor März.", "this_year"},
		{"no CRM and want one", tlMidSep, "We don't have a CRM today and want one this quarter.", "this_quarter"},
		{"keine Lösung und möchten", tlMidSep, "Wir haben keine Lösung und möchten bis Ende des Jahres starten.", "this_year"},
		{"went live in March", tlMidSep, "We went live in March with the old vendor.", ""},
		{"à bientôt", tlMidSep, "Merci et à bientôt, Marie", ""},
		{"hasta pronto", tlMidSep, "Gracias, hasta pronto.", ""},
		{"on hold with support", tlMidSep, "I was on hold for 40 minutes with support.", ""},
		{"frozen budget", tlMidSep, "Our budget for 2026 was frozen in November.", "no_timeline"},

		// Hard negatives: meetings, events, the past, routines, numbers.
		{"call next week", tlMidSep, "Can we have a call next week?", ""},
		{"Telefonat nächste Woche", tlMidSep, "Können wir nächste Woche telefonieren?", ""},
		{"appel le 15/10", tlMidSep, "Je suis disponible pour un appel le 15/10.", ""},
		{"llamada el martes", tlMidSep, "¿Podemos tener una llamada el martes?", ""},
		{"trade fair date", tlMidSep, "We'll be at the trade fair on 10/20, come by our booth.", ""},
		{"started last March", tlMidSep, "We started using Excel last March.", ""},
		{"switched in March", tlMidSep, "We switched to our current CRM in March.", ""},
		{"umgestellt im März", tlMidSep, "Wir haben im März auf Excel umgestellt.", ""},
		{"commencé en janvier", tlMidSep, "Nous avons commencé en janvier avec un autre outil.", ""},
		{"empezó en enero", tlMidSep, "El proyecto empezó en enero.", ""},
		{"fiscal year end", tlMidSep, "Our fiscal year ends in June.", ""},
		{"24/7", tlMidSep, "We need 24/7 support.", ""},
		{"fraction", tlMidSep, "About 3/4 of the team works remotely.", ""},
		{"every month-end", tlMidSep, "Every month-end we spend two days on reports.", ""},
		{"chaque fin de mois", tlMidSep, "Chaque fin de mois, on perd deux jours.", ""},
		{"an jedem Monatsende", tlMidSep, "An jedem Monatsende sitzen wir zwei Tage daran.", ""},
		{"quote deadline", tlMidSep, "Bitte senden Sie Ihr Angebot bis zum 30.09.", ""},
		{"German amount", tlMidSep, "Umsatz 2.5 Mio. Euro, 1.500 Kunden.", ""},
		{"a été", tlMidSep, "Le projet a été validé par la direction.", ""},
		{"earlier this year", tlMidSep, "We tried a demo earlier this year.", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := Extract(tc.text, tc.now)
			_, _, _, got := s.Answers()
			require.Equal(t, tc.want, got, "timeline answer for %q (%+v)", tc.text, s.Timeline)
			if tl := s.Timeline; tl != nil {
				requireMonthsAgree(t, *tl)
			}
		})
	}
}

// requireMonthsAgree checks that the scoring rules' month thresholds read
// tl.Months as a bucket no later than tl.Label.
func requireMonthsAgree(t *testing.T, tl Timeline) {
	t.Helper()
	switch tl.Label {
	case LabelASAP, LabelThisMonth:
		require.LessOrEqual(t, tl.Months, 1.0, "months of %+v", tl)
	case LabelThisQuarter:
		require.LessOrEqual(t, tl.Months, 3.0, "months of %+v", tl)
	case LabelThisYear:
		require.LessOrEqual(t, tl.Months, 12.0, "months of %+v", tl)
	}
	require.GreaterOrEqual(t, tl.Months, 0.0)
}
