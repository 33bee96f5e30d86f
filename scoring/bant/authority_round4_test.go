package bant

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// authorityRound4Cases are written for the second batch of round-4 causes,
// in the four languages with wording of their own: passives and routes
// with any deciding stem, infinitives whose subject is a decider named
// before them, subjunctives and clitics, HR and supervisors as deciders,
// an infinitive whose subject is the writer as object, the writer
// choosing, modifier partners, plural and trade titles, one-person
// businesses, owned businesses said the other way round, a team's
// research with and without a title of the writer's. Hard negatives: a
// team researching with no title, a department adjective, a partner who
// is a "Managing Partner", customers choosing.
var authorityRound4Cases = []struct {
	name, text, want string
}{
	{"en final approvals with", "I'm coordinating the offsite; final sign-offs are with our COO.", LevelDefers},
	{"en boss before choosing", "My manager wants to see two demos before choosing.", LevelDefers},
	{"fr arbitré par", "Le choix sera tranché par notre comité de direction en juin.", LevelDefers},
	{"fr passent par", "Les commandes passent par notre directrice financière.", LevelDefers},
	{"fr avant de choisir", "Ma cheffe veut comparer trois offres avant de choisir.", LevelDefers},
	{"de wählt aus", "Am Ende wählt der Vorstand aus drei Angeboten aus.", LevelDefers},
	{"es será ella quien firme", "Será ella quien firme el contrato, yo solo preparo los papeles.", LevelDefers},
	{"es RRHH aprobarlo", "Recursos Humanos tiene que aprobarlo antes de fin de mes.", LevelDefers},
	{"es encargado decide", "Mi encargada decide qué proveedor se queda.", LevelDefers},
	{"en HR has to approve", "HR has to approve any training spend.", LevelDefers},
	{"es lo elijo yo", "Soy asistente, pero el proveedor lo elijo yo.", LevelDecisionMaker},
	{"fr m'a donné carte blanche", "Mon patron m'a donné carte blanche pour choisir l'outil.", LevelDecisionMaker},
	{"en customers choose", "Customers choose a time slot online and then call anyway.", ""},
	{"en partner marketing lead", "Best,\nTom Reyes, Partner Marketing Lead", LevelInfluencer},
	{"en managing partner", "Best,\nTom Reyes, Managing Partner", LevelDecisionMaker},
	{"en one of the drivers", "I'm one of the drivers and the app crashes twice a day.", LevelUser},
	{"fr soudeur", "Je suis soudeur et je cherche une formation TIG.", LevelUser},
	{"es electricista", "Trabajo como electricista y quiero un curso de domótica.", LevelUser},
	{"de Maschinenbedienerin", "Ich bin Maschinenbedienerin in der Frühschicht.", LevelUser},
	{"en one-person studio", "One-person design studio here, looking for invoicing software.", LevelDecisionMaker},
	{"de Ein-Frau-Betrieb", "Ich bin ein Ein-Frau-Betrieb und brauche eine Buchhaltungssoftware.", LevelDecisionMaker},
	{"es empresa unipersonal", "Tengo una empresa unipersonal de reformas.", LevelDecisionMaker},
	{"de mir gehört", "Mir gehört eine kleine Kette von drei Eisdielen.", LevelDecisionMaker},
	{"fr m'appartient", "La boulangerie m'appartient depuis 2019.", LevelDecisionMaker},
	{"en own a chain", "I own a small chain of bike shops.", LevelDecisionMaker},
	{"es presidenta", "Soy la presidenta del club de remo.", LevelDecisionMaker},
	{"en bracket title one line", "Can you quote 40 pallets of labels? Thanks, Rob (warehouse clerk)", LevelUser},
	{"es oficina técnica", "Saludos,\nOficina técnica – Talleres Ruiz", ""},
	{"fr j'évalue", "J'évalue trois éditeurs de logiciels de paie.", LevelInfluencer},
	{"en getting a feel", "Nothing planned, I'm just getting a feel for prices.", LevelInfluencer},
	{"de wir informieren uns mit Titel", "Wir informieren uns erst einmal.\nGrüße, Tom Berger, Sachbearbeiter", LevelInfluencer},
	{"fr on se renseigne sans titre", "On se renseigne sur les logiciels de caisse.", ""},
	{"es nos estamos informando sin titulo", "Nos estamos informando sobre software de nóminas.", ""},
}

func TestAuthorityRound4(t *testing.T) {
	t.Parallel()
	for _, tc := range authorityRound4Cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := Extract(tc.text, testNow)
			_, got, _, _ := s.Answers()
			require.Equal(t, tc.want, got, "text %q: %+v", tc.text, s.Authority)
		})
	}
}
