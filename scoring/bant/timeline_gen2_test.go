package bant

// tlGen2Cases are a second batch of new sentences, written after the
// round-2 rules and measured first try (21/24 passed) before any fix.
var tlGen2Cases = []tlCase{
	{"en contract ends June", tlgFeb, "Our contract with the current vendor ends in June, so we need a replacement signed before then.", "this_year"},
	{"en go-live before Black Friday", tlgQ2End, "E-commerce, 30k orders/month. Must be live before Black Friday.", "this_year"},
	{"en asap chat", tlgNov, "hey can u guys set this up asap?? our old tool died", "this_month"},
	{"en webinar next week", tlgNov, "Saw your webinar, will there be another one next week?", ""},
	{"en revenue 2024", tlgNov, "We grew revenue 40% in 2024 and now have 85 staff.", ""},
	{"en frozen until next year", tlgNov, "Budget is frozen until next fiscal year, so realistically nothing before 2027.", "no_timeline"},
	{"de bis Ostern", tlgFeb, "Wir möchten das neue Kassensystem bis Ostern im Einsatz haben.", "this_quarter"},
	{"de Vertrag läuft Ende März aus", tlgFeb, "Unser Vertrag läuft Ende März aus, bis dahin brauchen wir etwas Neues.", "this_quarter"},
	{"de Termin Donnerstag", tlgNov, "Passt Ihnen ein Telefonat am Donnerstag um 10 Uhr?", ""},
	{"de nächstes Jahr frühestens", tlgFeb, "Eine Umstellung ist frühestens nächstes Jahr ein Thema.", "no_timeline"},
	{"de Umsatz 2025", tlgNov, "Wir haben 2025 rund 4 Mio. Umsatz gemacht.", ""},
	{"de innerhalb von zwei Wochen", tlgNov, "Wir müssen innerhalb von zwei Wochen umstellen, sonst verlieren wir den Kunden.", "this_month"},
	{"fr avant l'été", tlgFeb, "On aimerait que tout soit en place avant l'été.", "this_year"},
	{"fr fin du mois", tlgNov, "Il nous faut une réponse et un déploiement d'ici la fin du mois.", "this_month"},
	{"fr salon en mars", tlgNov, "Nous serons au salon de Lyon en mars, passez nous voir.", ""},
	{"fr pas avant 2027", tlgNov, "Aucun achat n'est prévu avant 2027.", "no_timeline"},
	{"fr rdv mardi", tlgNov, "Je suis disponible mardi pour un rendez-vous.", ""},
	{"fr contrat expire en janvier", tlgNov, "Notre contrat actuel expire en janvier, il faut changer avant.", "this_quarter"},
	{"es antes de Navidad", tlgNov, "Necesitamos tenerlo funcionando antes de Navidad.", "this_quarter"},
	{"es en tres meses", tlgNov, "Queremos arrancar en tres meses como mucho.", "this_quarter"},
	{"es reunión el lunes", tlgNov, "¿Podemos tener una reunión el lunes?", ""},
	{"es facturamos 2 millones en 2024", tlgNov, "Facturamos 2 millones en 2024.", ""},
	{"es contrato vence en marzo", tlgNov, "El contrato con el proveedor actual vence en marzo y no lo vamos a renovar.", "this_year"},
	{"es ni idea de cuándo", tlgNov, "Ni idea de cuándo podremos comprar, depende de la subvención.", "no_timeline"},
}
