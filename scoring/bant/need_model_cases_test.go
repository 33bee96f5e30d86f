package bant

import (
	"strings"
	"testing"
	"time"
)

// needModelCases are sentences written for the need model, not taken
// from any corpus: pains told in words the rules may not list, and hard
// negatives (logistics, numbers, satisfied writers), in four languages.
var needModelCases = []struct {
	name, text, want string
}{
	// English: stated.
	{"en_story_spreadsheet", "Every Friday our office manager spends four hours reconciling timesheets from three different apps, and payroll still goes out wrong about once a month.", "stated"},
	{"en_missed_calls", "Half the calls to our clinic after 5pm go to voicemail and nobody calls those patients back.", "stated"},
	{"en_stockouts", "We ran out of our best-selling item twice during the holidays because nobody saw the stock levels dropping.", "stated"},
	{"en_goal", "Goal for this year: get quote turnaround from five days down to one.", "stated"},
	{"en_audit_risk", "Our last audit flagged that we can't show who changed customer records, and we have to fix that before the next one.", "stated"},
	{"en_typos", "our techs keep showing up at the wrong adress bc the schedule lives in 3 whatsapp groups", "stated"},
	// English: exploring and hard negatives.
	{"en_happy", "We're happy with our current scheduling setup, just curious what else is out there.", "exploring"},
	{"en_price_list", "Please send me your price list and a brochure.", ""},
	{"en_meeting", "Can we do a call on Tuesday at 3pm? My number is 555-201-7788.", ""},
	{"en_headcount", "We are a 120-person logistics company based in Leeds with two warehouses.", ""},
	{"en_solved", "We used to lose orders in email, but since we moved to a shared inbox last year that's sorted.", "exploring"},
	{"en_research", "Just gathering information for now, no project planned.", "exploring"},
	// German: stated.
	{"de_story", "Jeden Montag tippen zwei Kolleginnen die Bestellungen aus den E-Mails von Hand ins ERP ab, dabei passieren ständig Fehler.", "stated"},
	{"de_compound", "Unsere Lagerverwaltung läuft noch über Excel-Listen und die Inventurdifferenzen werden immer größer.", "stated"},
	{"de_no_accents", "Wir verlieren staendig Rueckrufe, weil die Telefonnotizen auf Zetteln landen.", "stated"},
	{"de_goal", "Ziel ist, die Einarbeitung neuer Mitarbeiter von drei Wochen auf eine zu verkürzen.", "stated"},
	{"de_customers", "Kunden beschweren sich, dass sie tagelang auf eine Antwort vom Support warten.", "stated"},
	{"de_overtime", "Die Buchhaltung macht am Monatsende jedes Mal Überstunden, weil die Belege fehlen.", "stated"},
	// German: exploring and hard negatives.
	{"de_happy", "Mit unserem aktuellen System sind wir eigentlich zufrieden, wir schauen uns nur mal um.", "exploring"},
	{"de_price", "Bitte schicken Sie mir ein Angebot für 25 Lizenzen.", ""},
	{"de_meeting", "Passt Ihnen ein Termin am 14.03. um 10 Uhr? Erreichbar unter 0171 2345678.", ""},
	{"de_company", "Wir sind ein Familienunternehmen mit 80 Mitarbeitern und 12 Mio. Umsatz.", ""},
	{"de_solved", "Probleme mit der Rechnungsstellung haben wir seit letztem Jahr keine mehr.", "exploring"},
	{"de_research", "Wir informieren uns derzeit nur, ein konkretes Projekt gibt es nicht.", "exploring"},
	// French: stated.
	{"fr_story", "Chaque soir, la responsable recopie à la main les réservations du site dans notre planning, et on a eu trois doublons ce mois-ci.", "stated"},
	{"fr_no_accents", "nos commerciaux perdent un temps fou a ressaisir les devis, on oublie souvent de relancer les clients", "stated"},
	{"fr_goal", "Notre objectif : réduire le délai de facturation de 30 à 10 jours.", "stated"},
	{"fr_stock", "On se retrouve régulièrement en rupture de stock sans l'avoir vu venir.", "stated"},
	{"fr_patients", "Les patients attendent parfois une semaine pour un rappel, ils finissent par aller ailleurs.", "stated"},
	{"fr_security", "Nous avons subi une tentative de phishing le mois dernier et nos accès ne sont pas sécurisés.", "stated"},
	// French: exploring and hard negatives.
	{"fr_happy", "Nous sommes satisfaits de notre outil actuel, nous faisons simplement une veille.", "exploring"},
	{"fr_price", "Merci de m'envoyer votre grille tarifaire.", ""},
	{"fr_meeting", "Je suis disponible jeudi 10h pour un appel, mon numéro est le 06 12 34 56 78.", ""},
	{"fr_company", "Nous sommes une PME de 45 salariés basée à Lyon, chiffre d'affaires 8 M€.", ""},
	{"fr_solved", "Nous n'avons plus de souci de planning depuis l'an dernier.", "exploring"},
	{"fr_research", "Simple curiosité de ma part, aucun projet en cours.", "exploring"},
	// Spanish: stated.
	{"es_story", "Cada lunes dos personas pasan la mañana copiando pedidos de los correos a una hoja de cálculo y siempre se cuela algún error.", "stated"},
	{"es_no_accents", "los tecnicos no saben que trabajos tienen hasta que los llaman por telefono, perdemos mucho tiempo", "stated"},
	{"es_goal", "Queremos bajar el tiempo de respuesta al cliente de 48 horas a menos de 4.", "stated"},
	{"es_invoices", "Se nos traspapelan facturas de proveedores y acabamos pagando recargos por retraso.", "stated"},
	{"es_turnover", "Los camareros nuevos tardan semanas en aprender el sistema de comandas y se equivocan mucho.", "stated"},
	{"es_reports", "Armar el informe mensual para la dirección nos lleva tres días de trabajo manual.", "stated"},
	// Spanish: exploring and hard negatives.
	{"es_happy", "Estamos contentos con la herramienta que usamos, solo queremos conocer alternativas.", "exploring"},
	{"es_price", "¿Me pueden enviar la lista de precios?", ""},
	{"es_meeting", "¿Podemos hablar el martes a las 11? Mi teléfono es +34 612 345 678.", ""},
	{"es_company", "Somos una empresa de transporte con 60 camiones y 150 empleados.", ""},
	{"es_solved", "Ya no tenemos problemas con la facturación desde que cambiamos de proveedor el año pasado.", "exploring"},
	{"es_research", "De momento solo estamos investigando, no hay ningún proyecto.", "exploring"},
}

// TestNeedModelCases checks the combination on needModelCases, and logs
// how the rules alone and the combination score on them.
func TestNeedModelCases(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	rulesOK, combOK := 0, 0
	for _, c := range needModelCases {
		d := prepare(c.text)
		tl := extractTimeline(d, now)
		rules := extractNeedRules(d, tl)
		comb := needWithModel(d, tl, rules, shippedNeedModel)
		r, g := needLabel(rules, tl), needLabel(comb, tl)
		if r == c.want {
			rulesOK++
		}
		if g == "stated" && r != "stated" && c.want != "stated" {
			t.Errorf("%s: the model reads a need into a hard negative (evidence %q)", c.name, needEvidenceOf(comb))
		}
		if g == c.want {
			combOK++
		} else {
			t.Logf("%s: want %q, rules %q, combination %q (p=%.2f, evidence %q)", c.name, c.want, r, g, shippedNeedModel.read(d).prob, needEvidenceOf(comb))
		}
	}
	t.Logf("%d cases: rules alone %d correct, combination %d", len(needModelCases), rulesOK, combOK)
}

func needEvidenceOf(n *Need) string {
	if n == nil {
		return ""
	}
	return n.Evidence
}

// TestNeedModelEvidence checks that a need the model reads names words
// of the text, none of them a function word, and takes the model's
// probability, capped at 0.95 like every reading, as its confidence.
func TestNeedModelEvidence(t *testing.T) {
	text := "Hello,\n\nWe are a regional chain of 14 bakeries. Every evening each shop manager counts what is left on the shelves and emails the numbers to the central office, where someone types them into a spreadsheet the next morning. Orders for the following day are then guessed from that sheet, so some shops throw away trays of bread while others are empty by noon. We would like to see how your planning tool handles this.\n\nBest regards,\nMarta"
	d := prepare(text)
	tl := extractTimeline(d, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	r := shippedNeedModel.read(d)
	n := needWithModel(d, tl, nil, shippedNeedModel)
	if r.prob < needModelThreshold {
		t.Fatalf("model probability %.2f below the threshold on a told pain", r.prob)
	}
	if n == nil || !n.Stated || n.Confidence != clamp01(r.prob) || n.Evidence == "" {
		t.Fatalf("need = %+v, want a stated need with the model's confidence %.2f", n, clamp01(r.prob))
	}
	for _, w := range strings.Split(n.Evidence, ", ") {
		if !strings.Contains(text, w) {
			t.Errorf("evidence word %q is not in the text", w)
		}
		if modelFunctionWords[strings.ToLower(w)] {
			t.Errorf("evidence word %q is a function word", w)
		}
	}
	t.Logf("p=%.2f evidence %q pain %q", r.prob, n.Evidence, n.Pain)
}
