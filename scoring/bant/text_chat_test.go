package bant

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestChatTurns(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, in, want string
	}{
		{"agent turns dropped, visitor labels cut",
			"Visitor: hi, do you do rota software?\nAgent: We do! Most pubs start this month.\nVisitor: 7 pubs, want it by end of sept",
			"hi, do you do rota software?\n7 pubs, want it by end of sept"},
		{"tags, times and agent names",
			"[Chat] Visiteur: bonjour\n[Chat] Agent (Julie): Le plan Pro coûte 49 € par mois.\n10:42 Visiteur : on compare 3 CRM",
			"bonjour\non compare 3 CRM"},
		{"an agent turn over two lines ends at the next label",
			"Besucher: Was kostet das?\nBot: Ab 449 € pro Monat.\nDie meisten starten sofort.\nBesucher: Budget gestrichen",
			"Was kostet das?\nBudget gestrichen"},
		{"accented labels",
			"Visitante: hola\nOperadora: ¿presupuesto?\nVisitante: unos 150 dólares por mes",
			"hola\nunos 150 dólares por mes"},
		{"a signature after a blank line is kept",
			"Visitor: need it asap\nAgent: sure\n\nDana, COO",
			"need it asap\n\nDana, COO"},
		{"form fields are not a chat",
			"Budget: 20k\nTimeline: Q3\nAgent: none",
			"Budget: 20k\nTimeline: Q3\nAgent: none"},
		{"only one side labelled is not a chat",
			"Agent: please call me back\nI need pricing",
			"Agent: please call me back\nI need pricing"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			got, _ := chatTurns(strings.Split(c.in, "\n"))
			require.Equal(t, c.want, strings.Join(got, "\n"))
		})
	}
}

// TestChatAgentWordsAreNotTheLeads checks the whole reader: what an agent
// says in a pasted chat gives the lead no budget or timeline.
func TestChatAgentWordsAreNotTheLeads(t *testing.T) {
	t.Parallel()
	s := Extract("Visitante: hola, cuanto cuesta el plan pro?\nAgente: El plan Pro cuesta 39 USD por usuario al mes, la mayoría lo implementa este mismo mes.\nVisitante: dale, gracias", time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	require.Nil(t, s.Budget)
	require.Nil(t, s.Timeline)
}
