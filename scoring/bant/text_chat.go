package bant

import (
	"strings"
	"unicode"
)

// A pasted chat transcript ("Visitor: ... / Agent: ...") holds two
// voices, and only the lead's says anything about the lead: an agent's
// "most teams like yours start this month" or "the Pro plan is 49 € a
// month" is the vendor talking. chatTurns drops the agent's turns and the
// lead's speaker labels before anything is read.

// chatAgentLabels are the speaker labels (folded to lower case without
// accents) of the vendor's side of a chat.
var chatAgentLabels = map[string]bool{
	"agent": true, "agente": true, "bot": true, "chatbot": true, "support": true, "soporte": true,
	"sales": true, "rep": true, "operator": true, "operador": true, "operadora": true, "operateur": true,
	"operatrice": true, "conseiller": true, "conseillere": true, "berater": true, "beraterin": true,
	"asesor": true, "asesora": true, "vendedor": true, "vendedora": true, "ventas": true,
	"vertrieb": true, "kundenservice": true, "kundendienst": true, "assistant": true, "asistente": true,
	"assistente": true, "vendeur": true, "vendeuse": true, "commercial": true,
}

// chatVisitorLabels are the speaker labels of the lead's side.
var chatVisitorLabels = map[string]bool{
	"visitor": true, "visitante": true, "besucher": true, "besucherin": true, "visiteur": true,
	"visiteuse": true, "customer": true, "client": true, "cliente": true, "kunde": true, "kundin": true,
	"user": true, "usuario": true, "usuaria": true, "utilisateur": true, "utilisatrice": true,
	"prospect": true, "guest": true, "invitado": true, "invitada": true, "gast": true, "lead": true,
	"interessent": true, "interessentin": true, "me": true, "moi": true, "yo": true, "ich": true,
}

// chatSpeaker splits a transcript line into its speaker label (folded,
// first word only: "Agent (Maria)" is "agent") and the rest. A line may
// start with bracketed tags or a time ("[Chat] Visiteur:", "[10:42]
// Agent:", "10:42 Agent:"). ok is false when the line has no label.
func chatSpeaker(line string) (label, rest string, ok bool) {
	t := strings.TrimLeft(line, " \t")
	for strings.HasPrefix(t, "[") || strings.HasPrefix(t, "(") {
		end := strings.IndexAny(t, "])")
		if end < 0 {
			return "", "", false
		}
		t = strings.TrimLeft(t[end+1:], " \t")
	}
	// A leading time, "10:42" or "10:42:07", optionally followed by "-".
	if n := leadingTime(t); n > 0 {
		t = strings.TrimLeft(strings.TrimLeft(t[n:], " \t-"), " \t")
	}
	colon := strings.IndexByte(t, ':')
	if colon <= 0 || colon > 40 {
		return "", "", false
	}
	head := t[:colon]
	word := head
	if i := strings.IndexAny(head, " (-"); i > 0 {
		word = head[:i]
	}
	for _, r := range head {
		if !unicode.IsLetter(r) && r != ' ' && r != '(' && r != ')' && r != '.' && r != '-' {
			return "", "", false
		}
	}
	return foldASCII(strings.ToLower(word)), strings.TrimLeft(t[colon+1:], " \t"), true
}

// leadingTime returns the length of a "hh:mm" or "hh:mm:ss" time at the
// start of t, or 0.
func leadingTime(t string) int {
	n := 0
	for part := 0; part < 3; part++ {
		d := 0
		for n+d < len(t) && isDigit(t[n+d]) && d < 2 {
			d++
		}
		if d == 0 {
			break
		}
		n += d
		if part < 2 && n < len(t) && t[n] == ':' && n+1 < len(t) && isDigit(t[n+1]) {
			n++
			continue
		}
		if part == 0 {
			return 0
		}
		return n
	}
	return n
}

// foldASCII removes the accents of a label the way the models fold words
// (modelFoldRune), so "Opérateur" and "operateur" are one label.
func foldASCII(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		modelFoldRune(&b, r)
	}
	return b.String()
}

// chatTurns returns lines with a chat's agent turns removed and the
// lead's speaker labels cut off, and for each kept line whether it starts
// a turn (so it is never joined to the line before as a hard wrap). A
// text is read as a chat only when it has a line labelled as the agent
// and one labelled as the lead; otherwise lines come back unchanged and
// starts is nil. An agent's turn runs until the next labelled line or a
// blank line.
func chatTurns(lines []string) (out []string, starts []bool) {
	agent, visitor := false, false
	for _, l := range lines {
		if label, _, ok := chatSpeaker(l); ok {
			agent = agent || chatAgentLabels[label]
			visitor = visitor || chatVisitorLabels[label]
		}
	}
	if !agent || !visitor {
		return lines, nil
	}
	out = make([]string, 0, len(lines))
	starts = make([]bool, 0, len(lines))
	inAgent := false
	for _, l := range lines {
		label, rest, ok := chatSpeaker(l)
		switch {
		case ok && chatAgentLabels[label]:
			inAgent = true
			continue
		case ok && chatVisitorLabels[label]:
			inAgent = false
			out = append(out, rest)
			starts = append(starts, true)
			continue
		case strings.TrimSpace(l) == "":
			inAgent = false
		case inAgent:
			continue
		}
		out = append(out, l)
		starts = append(starts, false)
	}
	return out, starts
}
