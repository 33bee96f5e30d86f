package bant

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

func TestPrepare(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want string
	}{
		{name: "plain", in: "Hello there.", want: "Hello there."},
		{name: "crlf and blank lines collapse", in: "One.\r\n\r\n\r\nTwo.", want: "One.\nTwo."},
		{name: "quoted lines dropped", in: "Mine.\n> theirs\n  > nested theirs\nMine too.", want: "Mine.\nMine too."},
		{name: "on wrote cuts", in: "Yes.\nOn Tue, Jan 13, 2026 at 4:12 PM Sarah <s@x.io> wrote:\nold text", want: "Yes."},
		{name: "on wrote wrapped over two lines", in: "Yes.\nOn Tue, Jan 13, 2026 at 4:12 PM Sarah Lee <\ns@x.io> wrote:\nold", want: "Yes."},
		{name: "french header", in: "Oui.\nLe mar. 13 janv. 2026 à 16:12, Sarah <s@x.io> a écrit :\nvieux", want: "Oui."},
		{name: "german header", in: "Ja.\nAm Di., 13. Jan. 2026 um 16:12 Uhr schrieb Sarah <s@x.io>:\nalt", want: "Ja."},
		{name: "original message", in: "Ok.\n-----Original Message-----\nFrom: x", want: "Ok."},
		{name: "outlook block", in: "Ok.\nFrom: Sales <s@x.io>\nSent: Monday\nold", want: "Ok."},
		{name: "spanish outlook block", in: "Vale.\nDe: Ventas <s@x.io>\nEnviado: lunes, 13 de enero de 2026 10:12\nPara: Ana\nAsunto: Oferta\nviejo", want: "Vale."},
		{name: "spanish outlook block with fecha", in: "Vale.\n*De:* Ventas <s@x.io>\n*Fecha:* lunes\nviejo", want: "Vale."},
		{name: "french outlook block", in: "D'accord.\nDe : Ventes <s@x.io>\nEnvoyé : lundi 13 janvier 2026 10:12\nÀ : Anne\nObjet : Offre\nvieux", want: "D'accord."},
		{name: "french outlook block nbsp and no accent", in: "D'accord.\nDe\u00a0: Ventes\nEnvoye\u00a0: lundi\nvieux", want: "D'accord."},
		{name: "german outlook block", in: "Gut.\nVon: Vertrieb <s@x.io>\nGesendet: Montag, 13. Januar 2026 10:12\nAn: Anna\nBetreff: Angebot\nalt", want: "Gut."},
		{name: "german original message", in: "Gut.\n-----Ursprüngliche Nachricht-----\nVon: x", want: "Gut."},
		{name: "spanish original message", in: "Vale.\n-----Mensaje original-----\nDe: x", want: "Vale."},
		{name: "french original message", in: "Oui.\n-------- Message d'origine --------\nDe : x", want: "Oui."},
		{name: "de field alone is kept", in: "De: formulario web\nSoy el director.", want: "De: formulario web\nSoy el director."},
		{name: "von field alone is kept", in: "Von: Kontaktformular\nBetreff: Anfrage\nIch bin der CTO.", want: "Von: Kontaktformular\nBetreff: Anfrage\nIch bin der CTO."},
		{name: "from field alone is kept", in: "From: the website form\nI'm the CTO.", want: "From: the website form\nI'm the CTO."},
		{name: "a line starting with on is kept", in: "On our side, no rush.", want: "On our side, no rush."},
		{name: "typography folded", in: "I\u2019m \u201cthe\u201d CTO \u2013 really", want: "I'm \"the\" CTO - really"},
		{name: "nbsp between digits is a group separator", in: "25\u00a0000\u00a0\u20ac", want: "25'000 \u20ac"},
		{name: "invisible characters dropped", in: "bud\u200bget\ufeff", want: "budget"},
		{name: "spaces and tabs collapse", in: "  a \t\t b  ", want: "a b"},
		{name: "hard wrap joined", in: "We are currently struggling with routing leads from our\nwebsite forms.", want: "We are currently struggling with routing leads from our website forms."},
		{name: "short lines kept apart", in: "Budget: 10k\nTimeline: Q3", want: "Budget: 10k\nTimeline: Q3"},
		{name: "field after long line kept apart", in: "This is a long line of text that goes on without a stop\nBudget: 10k", want: "This is a long line of text that goes on without a stop\nBudget: 10k"},
		{name: "invalid utf8", in: "a\xffb", want: "a b"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d := prepare(tc.in)
			require.Equal(t, tc.want, d.clean)
			require.Len(t, d.lower, len(d.clean))
		})
	}
}

func TestPrepareCapsInput(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("é", MaxInputBytes) // 2 bytes each: the cap falls mid-text
	d := prepare(long)
	require.LessOrEqual(t, len(d.clean), MaxInputBytes)
	require.True(t, utf8.ValidString(d.clean))
	// A signal past the cap is not read.
	s := Extract(strings.Repeat("x ", MaxInputBytes)+"I'm the CTO.", testNow)
	require.Nil(t, s.Authority)
}

func TestLowerSameLen(t *testing.T) {
	t.Parallel()
	for _, in := range []string{"ASAP", "Ünïcödé CTO", "\u0130stanbul", "5 \u212a", "ǅ ß ẞ"} {
		got := lowerSameLen(in)
		require.Len(t, got, len(in), in)
		require.True(t, utf8.ValidString(got))
	}
	require.Equal(t, "ünïcödé cto", lowerSameLen("Ünïcödé CTO"))
}

func TestNegationAt(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text, phrase string
		negated            bool
	}{
		{name: "not", text: "it is not urgent", phrase: "urgent", negated: true},
		{name: "contraction", text: "we don't have any problems", phrase: "have", negated: true},
		{name: "non hyphen", text: "a non-urgent request", phrase: "urgent", negated: true},
		{name: "too far", text: "no, we really truly honestly need it urgently", phrase: "urgently", negated: false},
		{name: "comma ends reach", text: "no rush, this year", phrase: "this year", negated: false},
		{name: "sentence ends reach", text: "Not now. Urgent later", phrase: "urgent", negated: false},
		{name: "plain", text: "it is urgent", phrase: "urgent", negated: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d := prepare(tc.text)
			p := strings.Index(d.lower, tc.phrase)
			require.GreaterOrEqual(t, p, 0)
			require.Equal(t, tc.negated, d.negatedBefore(p))
		})
	}
}

func TestClauseBreaks(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text string
		clauses    int
	}{
		{name: "ca before a number is circa", text: "Budget ca. 20k. Start soon", clauses: 2},
		{name: "ca before a currency sign is circa", text: "ca. €20k for this", clauses: 1},
		{name: "ca without accent ends a sentence", text: "On perd du temps à cause de ca. Nous voulons changer", clauses: 2},
		{name: "no before a number", text: "See ticket no. 42 for details", clauses: 1},
		{name: "no as an answer ends a sentence", text: "Budget? No. We are just looking", clauses: 3},
		{name: "other abbreviations", text: "Tools e.g. Excel etc. are slow", clauses: 1},
		{name: "decimal point", text: "We need 1.5m users", clauses: 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d := prepare(tc.text)
			require.Len(t, d.breaks, tc.clauses-1, "%q", d.lower)
		})
	}
}
