package scoring

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/scoring/bant"
)

// TestTitleReadersAgree keeps the two readers of a job title in step: the
// seniority of the title field (seniorityOf, six levels) and the authority
// bant reads from a title written in text (three levels). A title both
// know must land on the same side — a "Product Owner" is not the owner of
// the company in one and an influencer in the other.
func TestTitleReadersAgree(t *testing.T) {
	t.Parallel()
	authorityOf := map[string]string{
		SeniorityCLevel: bant.LevelDecisionMaker, SeniorityVP: bant.LevelDecisionMaker,
		// A head or director of a department is mid-level, as a manager
		// is (the BANT corpus spec: "mid-level title (manager, head of,
		// team lead, director of a department)").
		SeniorityDirector: bant.LevelInfluencer, SeniorityManager: bant.LevelInfluencer,
		SeniorityIndividual: bant.LevelUser, SeniorityStudent: bant.LevelUser,
	}
	titles := []string{
		"CEO", "CTO", "Chief Revenue Officer", "Founder", "Co-Founder", "Owner", "President",
		"Managing Director", "VP of Sales", "SVP Engineering", "Director of Operations",
		"Head of Growth", "Marketing Manager", "Product Owner", "Account Owner",
		"Team Lead", "Supervisor", "Analyst", "Software Engineer", "Sales Representative",
		"Marketing Intern", "Student", "Executive Assistant",
		"Sales Director", "Head of Production", "Director", "Deputy", "Partner Marketing Lead", "Managing Partner", "Storeman",
		// German.
		"Geschäftsführer", "Geschaeftsfuehrerin", "Inhaberin", "Vorstand", "Gründer", "Partnerin",
		"Leiter Einkauf", "Abteilungsleiterin", "Teamleiter", "Projektmanagerin", "Sachbearbeiterin",
		"Assistenz der Geschäftsführung", "Werkstudent", "Vorsitzende", "Stellvertreterin", "Datenanalystin", "Außendienstler", "Brauereibesitzer", "Maschinenbediener", "Einkaufsassistenz",
		// French.
		"PDG", "Directeur général", "Gérante", "Fondatrice", "Associé", "Directeur commercial",
		"Responsable achats", "Chef de projet", "Assistante de direction", "Chargée de communication",
		"Stagiaire", "Directrice", "Gérant", "Dirigeante", "Responsable logistique", "DSI", "Adjointe", "Copropriétaire",
		"DRH", "Chargée de projet", "Directeur administratif et financier", "Chef de l'unité informatique",
		// Spanish.
		"Director general", "Gerente general", "Dueña", "Fundador", "Socio", "Jefe de compras",
		"Gerente de operaciones", "Encargado de tienda", "Asistente administrativa", "Analista", "Becaria", "Directora", "Subdirector de sistemas", "Copropietaria", "Adjunta",
	}
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	for _, title := range titles {
		t.Run(title, func(t *testing.T) {
			t.Parallel()
			a := bant.Extract("Hello, I'm the "+title+" at Acme and we are looking at tools.", now).Authority
			require.NotNil(t, a, "bant read no authority from the title %q", title)
			require.Equal(t, authorityOf[seniorityOf(title)], a.Level,
				"title %q: seniority %s, bant authority %s", title, seniorityOf(title), a.Level)
		})
	}
}
