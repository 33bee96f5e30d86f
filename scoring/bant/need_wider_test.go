package bant

// needWiderCases are sentences written for need_wider.go (not from any
// corpus): each construction in French and German first, then English and
// Spanish, with hard negatives (the same words negated, solved, about the
// past, or a request).
var needWiderCases = []needCase{
	// falling behind
	{name: "wide-de-00", text: "Wir kommen mit den Bestellungen nicht mehr hinterher.", want: "stated"},
	{name: "wide-de-01", text: "Die Buchhaltung hängt drei Wochen hinterher.", want: "stated"},
	{name: "wide-fr-02", text: "On prend du retard sur toutes les livraisons depuis la rentrée.", want: "stated"},
	{name: "wide-fr-03", text: "On ne s'en sort plus avec les plannings des chauffeurs.", want: "stated"},
	{name: "wide-en-04", text: "Our two accountants are falling behind on reconciliations every month.", want: "stated"},
	{name: "wide-es-05", text: "Vamos muy atrasados con la facturación de los proyectos.", want: "stated"},
	// swamped
	{name: "wide-de-06", text: "Wir ertrinken in E-Mails.", want: "stated"},
	{name: "wide-fr-07", text: "Les doublons dans le CRM nous rendent fous.", want: "stated"},
	{name: "wide-fr-08", text: "Nous croulons sous les demandes de devis.", want: "stated"},
	{name: "wide-en-09", text: "The duplicate entries drive the whole team crazy.", want: "stated"},
	{name: "wide-es-10", text: "Las llamadas de los clientes nos tienen locos.", want: "stated"},
	{name: "wide-de-11", text: "Die vielen Rückfragen machen uns wahnsinnig.", want: "stated"},
	// a figure far too high
	{name: "wide-de-12", text: "Die Fehlerquote bei der Kommissionierung ist viel zu hoch.", want: "stated"},
	{name: "wide-fr-13", text: "Nos frais d'envoi sont beaucoup trop élevés pour nos petits colis.", want: "stated"},
	{name: "wide-en-14", text: "Our no-show rate is way too high for a clinic this size.", want: "stated"},
	{name: "wide-es-15", text: "Los tiempos de espera en la central son demasiado largos.", want: "stated"},
	// an age of work
	{name: "wide-fr-16", text: "Ça prend un temps fou de préparer les rapports pour la direction.", want: "stated"},
	{name: "wide-de-17", text: "Der Monatsabschluss dauert jedes Mal über eine Woche.", want: "stated"},
	{name: "wide-es-18", text: "Cuadrar la caja nos lleva una eternidad.", want: "stated"},
	{name: "wide-de-19", text: "Die Einrichtung dauert eine Woche, danach läuft alles automatisch?", want: "!stated"},
	// ending up doing it, the rush
	{name: "wide-fr-20", text: "On se retrouve à rappeler chaque client pour confirmer sa réservation.", want: "stated"},
	{name: "wide-fr-21", text: "Chaque fin de mois c'est la course pour boucler la paie.", want: "stated"},
	{name: "wide-de-22", text: "Vor jeder Messe herrscht bei uns Hektik, weil die Muster fehlen.", want: "stated"},
	{name: "wide-es-23", text: "Acabamos llamando a cada proveedor para saber el estado del pedido.", want: "stated"},
	{name: "wide-fr-24", text: "Désolé de vous répondre au dernier moment, je suis libre jeudi.", want: ""},
	// workload, people leaving over it
	{name: "wide-fr-25", text: "Depuis janvier, trois employés ont quitté l'équipe à cause de la charge administrative.", want: "stated"},
	{name: "wide-de-26", text: "Zwei Disponentinnen haben gekündigt, weil die Arbeitsbelastung zu hoch war.", want: "stated"},
	{name: "wide-en-27", text: "Two coordinators quit last spring because of the scheduling workload.", want: "stated"},
	// cannot find anything
	{name: "wide-de-28", text: "Seit dem Umzug finden wir nichts mehr auf dem Server.", want: "stated"},
	{name: "wide-es-29", text: "Desde la migración no encontramos nada en la intranet.", want: "stated"},
	// post-placed denial of a problem word
	{name: "wide-de-30", text: "Probleme haben wir seit der Umstellung letztes Jahr keine mehr, wir schauen uns nur um.", want: "exploring"},
	{name: "wide-fr-31", text: "Des problèmes, on n'en a plus depuis l'an dernier, on regarde juste ce qui existe.", want: "exploring"},
	{name: "wide-es-32", text: "Problemas no tenemos, solo estamos comparando proveedores.", want: "exploring"},
	{name: "wide-de-33", text: "Probleme haben wir jede Woche mit der Kasse.", want: "stated"},
	// contentment and watching the market
	{name: "wide-de-34", text: "Wir sind mit unserem jetzigen System zufrieden, wollen aber den Markt im Blick behalten.", want: "exploring"},
	{name: "wide-fr-35", text: "Nous sommes globalement très satisfaits de notre outil, nous surveillons le marché.", want: "exploring"},
	{name: "wide-en-36", text: "We are really quite happy with what we have, just keeping tabs on the market.", want: "exploring"},
	{name: "wide-es-37", text: "Estamos bastante contentos con nuestro programa, pero queremos ver qué hay.", want: "exploring"},
	{name: "wide-de-38", text: "Mit dem jetzigen System sind wir überhaupt nicht zufrieden, es stürzt dauernd ab.", want: "stated"},
	// cost to us
	{name: "wide-fr-39", text: "Les ruptures de stock, ça nous coûte des ventes chaque semaine.", want: "stated"},
	{name: "wide-fr-40", text: "Combien ça coûte pour 20 utilisateurs ?", want: ""},
	// a repetition counted
	{name: "wide-de-41", text: "Zum dritten Mal diese Woche stand der Lieferwagen vor verschlossenem Tor.", want: "stated"},
	{name: "wide-de-42", text: "Das ist im März schon fünfmal passiert, dass die Kasse doppelt abbucht.", want: "stated"},
	{name: "wide-fr-43", text: "C'est la troisième fois ce mois-ci que le transporteur livre à la mauvaise adresse.", want: "stated"},
	{name: "wide-en-44", text: "It happened three times in June that a patient got the wrong reminder.", want: "stated"},
	{name: "wide-es-45", text: "Es la tercera vez este mes que el repartidor no encuentra la nave.", want: "stated"},
	// a bad review, waiting a counted time
	{name: "wide-de-46", text: "Ein Gast hat uns deswegen eine schlechte Bewertung geschrieben.", want: "stated"},
	{name: "wide-fr-47", text: "Hier un patient a attendu 45 minutes en salle d'attente.", want: "stated"},
	{name: "wide-es-48", text: "Un cliente nos dejó una reseña negativa por el retraso.", want: "stated"},
	// nothing documented, a past cost
	{name: "wide-de-49", text: "Der Hausmeister ging in Rente, dokumentiert war nichts.", want: "stated"},
	{name: "wide-fr-50", text: "Une erreur de version nous a coûté deux semaines de travail l'an dernier.", want: "stated"},
	{name: "wide-de-51", text: "Ein falscher Wareneingang hat uns letzten Herbst eine Inventur gekostet.", want: "stated"},
	// cannot prove, auditors, new law, forced switch
	{name: "wide-de-52", text: "Bei der letzten Revision konnten wir die Zugriffsrechte nicht nachweisen.", want: "stated"},
	{name: "wide-fr-53", text: "Avec la nouvelle loi sur la facturation électronique, nous devons changer de logiciel.", want: "stated"},
	{name: "wide-es-54", text: "Por la nueva normativa de fichaje tenemos que registrar las horas de todo el personal.", want: "stated"},
	{name: "wide-de-55", text: "Wechseln müssen wir sowieso, die alte Kasse ist nicht mehr zulässig.", want: "stated"},
	// two systems, one for both
	{name: "wide-de-56", text: "Nach dem Kauf der zweiten Praxis haben wir zwei Terminkalender und wollen ein System für beide.", want: "stated"},
	{name: "wide-es-57", text: "Queremos un solo programa para las dos tiendas.", want: "stated"},
	// our web presence broken: not the writer's pain
	{name: "wide-fr-58", text: "Petite remarque : votre formulaire de contact ne marche pas sur mobile.", want: ""},
	{name: "wide-en-59", text: "FYI your website checkout crashes on Safari.", want: "!stated"},
	{name: "wide-en-60", text: "Our forklift (your model X2) keeps breaking down, we need a technician.", want: "stated"},
	// comparing one thing with another, research for someone else
	{name: "wide-de-61", text: "Können Sie Ihr Tool einmal im Vergleich zu Personio zeigen?", want: "exploring"},
	{name: "wide-fr-62", text: "Quelle est la différence entre vos formules Start et Pro ?", want: "exploring"},
	{name: "wide-es-63", text: "Estoy mirando programas para la peluquería de mi hermana, no sé si comprará algo.", want: "exploring"},
	{name: "wide-de-64", text: "Ich schaue für meinen Schwager, ob so ein Tool was für ihn wäre.", want: "exploring"},
	// works perfectly, no switch planned, solved in the first person plural
	{name: "wide-de-65", text: "Unser DMS ist alt, tut aber, was es soll. Ein Wechsel ist nicht geplant.", want: "exploring"},
	{name: "wide-es-66", text: "Todo funciona de maravilla, solo queríamos daros las gracias.", want: "exploring"},
	{name: "wide-es-67", text: "El año pasado teníamos problemas con las guardias, pero los solucionamos con una hoja compartida.", want: "!stated"},
	{name: "wide-fr-68", text: "Plus aucun souci de stock depuis l'an dernier ; en revanche, ressaisir les bons de livraison me prend une demi-journée par semaine.", want: "stated"},
	{name: "wide-de-69", text: "Mit dem Kassensystem sind wir zufrieden, aber der Vertrag endet im Juni und ich vergleiche mal eine Alternative.", want: "exploring"},
	{name: "wide-en-70", text: "Not interested right now, thanks.", want: "exploring"},
	{name: "wide-en-71", text: "Thanks, not interested.", want: ""},
	// a second site to equip (an occasion, like a renewal)
	{name: "wide-de-72", text: "Im Mai eröffnen wir unsere dritte Filiale in Ulm, dort brauchen wir Kasse und WLAN.", want: "stated"},
	{name: "wide-fr-73", text: "Nous ouvrons un deuxième magasin à Lille en mars et il nous faut une caisse.", want: "stated"},
	{name: "wide-es-74", text: "Abrimos una segunda tienda en Valencia y necesitamos terminales.", want: "stated"},
	{name: "wide-fr-75", text: "Pouvez-vous transférer la licence à notre nouvelle filiale ?", want: "!stated"},
	// systems that do not talk, a hard limit
	{name: "wide-de-76", text: "Die Zeiterfassung spricht nicht mit der Lohnsoftware.", want: "stated"},
	{name: "wide-fr-77", text: "Notre caisse et le site ne se parlent pas.", want: "stated"},
	{name: "wide-es-78", text: "La centralita no admite más de 10 extensiones y somos 25.", want: "stated"},
	{name: "wide-en-79", text: "Our phone system doesn't support more than 10 extensions.", want: "stated"},
	// not wanting to live through it again
	{name: "wide-fr-80", text: "Je ne veux pas revivre la panne de l'an dernier pendant les soldes.", want: "stated"},
	{name: "wide-de-81", text: "Den Serverausfall vom letzten Winter möchten wir nicht noch einmal erleben.", want: "stated"},
	{name: "wide-es-82", text: "No queremos volver a perder pedidos como en Navidad.", want: "stated"},
	// a key person retiring, extra charges, scarcity
	{name: "wide-de-83", text: "Unser Buchhalter geht im Juni in Rente und außer ihm kennt niemand die Abläufe.", want: "stated"},
	{name: "wide-fr-84", text: "L'expert-comptable nous a facturé 1 500 € en supplément pour tout refaire.", want: "stated"},
	{name: "wide-es-85", text: "En la escuela 200 alumnos comparten una sola sala de ordenadores.", want: "stated"},
	// a service switched off, a condition imposed
	{name: "wide-de-86", text: "Der Anbieter schaltet unsere ISDN-Anlage zum Jahresende ab.", want: "stated"},
	{name: "wide-en-87", text: "The insurer renews our policy only if we can show working backups.", want: "stated"},
	// timing uncertainty, conditions, politeness: no pain
	{name: "wide-fr-88", text: "Nous n'achetons rien tant que la fusion n'est pas signée, et personne ne sait quand.", want: "!stated"},
	{name: "wide-es-89", text: "Si todo va bien, el año que viene renovaremos los portátiles. ¿Nos mandáis catálogo?", want: ""},
	{name: "wide-es-90", text: "Las impresoras actuales funcionan sin problema, solo queremos ver precios para 2028.", want: "exploring"},
	{name: "wide-en-91", text: "Thanks, that works for us, see you Tuesday.", want: ""},
	{name: "wide-es-92", text: "El software deja de funcionar en junio y todavía no tenemos alternativa.", want: "stated"},
	{name: "wide-de-93", text: "Konkrete Anforderungen habe ich noch keine, erstmal nur ein Überblick.", want: "exploring"},
	// a fresh French and German set written after the v9 tuning (first read 0.70)
	{name: "wide-fr-x00", text: "Nos chauffeurs attendent parfois une heure au quai parce que personne n'a prévenu l'entrepôt.", want: "stated"},
	{name: "wide-fr-x01", text: "Le vendredi soir, je reste jusqu'à 20 h pour sortir les factures, ça ne peut pas continuer.", want: "stated"},
	{name: "wide-fr-x02", text: "On a perdu un gros client le mois dernier à cause d'un devis envoyé en retard.", want: "stated"},
	{name: "wide-fr-x03", text: "Les infirmières notent les soins sur papier puis tout est ressaisi le lendemain.", want: "stated"},
	{name: "wide-fr-x04", text: "Impossible de savoir quel technicien est où en ce moment.", want: "stated"},
	{name: "wide-fr-x05", text: "Nous voulons diviser par deux le temps de traitement des réclamations.", want: "stated"},
	{name: "wide-fr-x06", text: "Notre ERP date de 2009 et l'éditeur ne le maintient plus.", want: "stated"},
	{name: "wide-fr-x07", text: "Tout fonctionne correctement chez nous, je me renseigne simplement sur les tendances.", want: "exploring"},
	{name: "wide-fr-x08", text: "Merci de m'envoyer la fiche produit et les conditions de paiement.", want: ""},
	{name: "wide-fr-x09", text: "Nous avons eu des soucis de planning il y a deux ans, c'est réglé depuis ; je regarde ce qui se fait.", want: "exploring"},
	{name: "wide-de-x10", text: "Unsere Monteure fahren ständig zweimal raus, weil Ersatzteile fehlen.", want: "stated"},
	{name: "wide-de-x11", text: "Jeden Montag verbringe ich den Vormittag damit, Stundenzettel abzutippen.", want: "stated"},
	{name: "wide-de-x12", text: "Letzten Monat ist uns ein Großauftrag durchgerutscht, weil das Angebot liegen blieb.", want: "stated"},
	{name: "wide-de-x13", text: "Die Patientenakten liegen in drei verschiedenen Programmen, das ist ein Albtraum.", want: "stated"},
	{name: "wide-de-x14", text: "Wir wissen nie genau, wie viel Ware noch im Lager ist.", want: "stated"},
	{name: "wide-de-x15", text: "Wir wollen die Reklamationsquote bis Jahresende halbieren.", want: "stated"},
	{name: "wide-de-x16", text: "Der Hersteller stellt den Support für unsere Version im Sommer ein.", want: "stated"},
	{name: "wide-de-x17", text: "Bei uns läuft alles rund, ich wollte nur mal sehen, was es Neues gibt.", want: "exploring"},
	{name: "wide-de-x18", text: "Senden Sie mir bitte das Datenblatt und die Lieferzeiten.", want: ""},
	{name: "wide-de-x19", text: "Früher hatten wir Ärger mit der Tourenplanung, das ist seit 2023 gelöst; reine Marktbeobachtung.", want: "exploring"},
}

func init() { needCases = append(needCases, needWiderCases...) }
