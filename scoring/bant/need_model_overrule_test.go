package bant

import "testing"

// needOverruleCases are texts written for needOverruleExploring, not
// taken from any corpus: a writer who says their current tool is fine
// (wording the rules may read as exploring) and then tells a pain, which
// both models must read as stated firmly enough to overrule an exploring
// answer; and writers who only look around, whose exploring answer must
// stand.
var needOverruleCases = []struct {
	name, text string
	stated     bool
}{
	{"en_pain", "Hi, we are happy with our phone system, no issues there. But our two dispatchers still copy every delivery order from emails into a spreadsheet by hand, it takes them the whole morning, and every week a few orders get lost and trucks leave half empty. Can you help? Dan", true},
	{"de_pain", "Hallo, mit unserem Kassensystem sind wir zufrieden, darum geht es nicht. Aber die Dienstpläne für unsere 40 Aushilfen machen wir noch in Excel, jede Woche fallen Schichten aus, weil jemand die Änderung nicht mitbekommen hat, und die Küche steht dann allein da. Gruß, Sandra", true},
	{"fr_pain", "Bonjour, notre logiciel de paie nous convient, aucun souci de ce côté. Mais chaque fin de mois notre comptable ressaisit à la main toutes les notes de frais, elle y passe trois jours et nous découvrons régulièrement des erreurs de remboursement. Pouvez-vous nous aider ? Karim", true},
	{"es_pain", "Hola, con nuestra gestoría no tenemos ningún problema. Lo que nos mata son los pedidos: llegan por teléfono, WhatsApp y correo, se apuntan en libretas y cada semana se nos olvida alguno y perdemos clientes que llevaban años con nosotros. ¿Nos pueden ayudar? Pilar, dueña", true},
	{"en_looking", "Hi, just doing some early research and comparing a few helpdesk tools for next year. We are quite happy with our current setup, nothing urgent, I only want to keep an eye on what's out there. Could you send a brochure? Cheers, Mike, IT", false},
	{"de_looking", "Hallo, wir schauen uns derzeit nur mal den Markt für Zeiterfassung an und vergleichen ein paar Anbieter. Mit unserer jetzigen Lösung sind wir eigentlich zufrieden, es eilt also nicht. Schicken Sie mir gern Infomaterial. Viele Grüße, Anke", false},
	{"fr_looking", "Bonjour, simple veille de notre côté : nous comparons quelques solutions de paie sans projet précis pour le moment. Notre outil actuel nous convient très bien. Pourriez-vous m'envoyer une plaquette ? Cordialement, Luc", false},
	{"es_looking", "Hola, solo estamos mirando el mercado y comparando algunas herramientas de CRM, sin prisa ninguna. Con lo que usamos ahora estamos bastante contentos. ¿Me mandan un folleto con precios? Saludos, Nuria", false},
}

// TestNeedOverruleExploring gives needWithModel an exploring answer from
// the rules for each of needOverruleCases (the rules may read some of
// them rightly by now; the policy is tested on its own): the pains become
// stated, the lookers stay exploring, and without a partner nothing is
// overruled.
func TestNeedOverruleExploring(t *testing.T) {
	alone := *shippedNeedModel
	alone.partner = nil
	for _, c := range needOverruleCases {
		d := prepare(c.text)
		explore := &Need{Confidence: needExploreConf}
		got := needWithModel(d, nil, explore, shippedNeedModel)
		t.Logf("%s: p=%.2f, partner %.2f", c.name, shippedNeedModel.read(d).prob, shippedNeedModel.partnerStated(d))
		if got.Stated != c.stated {
			t.Errorf("%s: stated %v over an exploring answer, want %v", c.name, got.Stated, c.stated)
		}
		if needWithModel(d, nil, explore, &alone) != explore {
			t.Errorf("%s: the binary model alone overruled an exploring answer", c.name)
		}
	}
}
