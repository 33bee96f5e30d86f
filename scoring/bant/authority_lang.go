package bant

import (
	"strings"
	"unicode/utf8"
)

// German, French and Spanish authority statements. Each language has the
// same four families as English: someone else decides (defers), the writer
// decides (decision maker), the writer evaluates or recommends
// (influencer) and the writer wants it for their own work (user). Accents
// are optional everywhere ("décision"/"decision", "Geschäftsführer"/
// "Geschaeftsfuehrer"), as leads often type without them. Go's \b only
// knows ASCII word characters, so no \b sits next to an accented letter.

// authNounsDE are the people a German writer defers to.
const authNounsDE = `chef|chefin|chefs|vorgesetzten|vorgesetzter|vorgesetzte|gesch(?:ä|ae)ftsf(?:ü|ue)hrer(?:in)?|gesch(?:ä|ae)ftsf(?:ü|ue)hrung|gesch(?:ä|ae)ftsleitung|gf|vorstand|inhaber(?:in)?|einkauf|einkaufsabteilung|leitung|[a-z]*leiter(?:in)?|[a-z]*leitung|finanzabteilung|buchhaltung|controlling|gesellschafter(?:n)?|aufsichtsrat|direktor(?:in)?|partner(?:n)?|ceo|cfo|cto|coo|cio|it|praxisinhaber(?:in)?|eigent(?:ü|ue)mer(?:in)?|boss`

// authNounsFR are the people a French writer defers to.
const authNounsFR = `patron(?:ne)?|chef(?:fe)?|responsable|direction|directeur|directrice|dg|pdg|daf|dsi|g(?:é|e)rant(?:e)?|associ(?:é|e)s?|conseil(?: d'administration)?|comit(?:é|e)(?: de direction)?|codir|comex|service achats|achats|n\+1|sup(?:é|e)rieur(?:e)?|hi(?:é|e)rarchie|pr(?:é|e)sident(?:e)?|manager|ceo|cfo|cto|boss|mairie|drh`

// authNounsES are the people a Spanish writer defers to.
const authNounsES = `jef(?:e|a|es)|gerente|gerencia|direcci(?:ó|o)n|director(?:a)?|due(?:ñ|n)(?:o|a)|socios?|junta(?: directiva)?|consejo(?: de administraci(?:ó|o)n)?|compras|departamento de compras|finanzas|superior(?:es)?|administraci(?:ó|o)n|administrador(?:a)?|propietari(?:o|a)|ceo|cfo|cto|boss|responsable|sostenedor|patronato|directorio`

// detPossDE, detPossFR and detPossES are the determiners before such a
// person ("meinem Chef", "notre direction", "mi jefe").
// authEnd ends a word that may end in an accented letter, where \b
// would not match ("associé", "comité").
const authEnd = `(?:[^a-z0-9_]|$)`

const (
	detPossDE = `(?:meinem|meiner|meine|mein|unserem|unserer|unsere|unser|unseren|der|dem|den|die|das)`
	detPossFR = `(?:mon|ma|mes|notre|nos|le|la|les|l'|au|à la|a la|à notre|a notre|du|de la|de notre|de mon|de ma)`
	detPossES = `(?:mi|mis|nuestro|nuestra|nuestros|nuestras|el|la|los|las|al|del|de mi|de nuestro|de nuestra|de la)`
)

var (
	// deferDE finds German statements that someone else decides.
	deferDE = mustPattern(`\bmit ` + detPossDE + ` (?:[a-z\pL-]+ )?(?:` + authNounsDE + `)(?:n|en|innen)?\s+(?:[a-z\pL]+\s+){0,3}?(?:abstimmen|absprechen|besprechen|kl(?:ä|ae)ren|abkl(?:ä|ae)ren|r(?:ü|ue)cksprache)` +
		`|\br(?:ü|ue)cksprache (?:mit|halten)` +
		`|\bentscheidung (?:\pL+ ){0,2}?(?:trifft|treffen|liegt (?:\pL+ )?(?:beim|bei (?:unserem|unserer|meinem|meiner|dem|der|den|unseren))|obliegt)\b` +
		`|\b(?:anschaffen|kaufen|bestellen|entscheiden|unterschreiben|freigeben|beschaffen|genehmigen) (?:kann|darf|k(?:ö|oe)nnen|d(?:ü|ue)rfen) (?:bei uns )?nur\b|\b(?:entscheiden|bestimmen) (?:bei uns )?andere\b|\bandere entscheiden\b` +
		`|\b(?:freigabe|genehmigung|zustimmung|unterschrift|okay|ok|go) (?:durch|von|vom|der|des|meines|meiner|unseres|unserer)\b` +
		`|\b(?:brauche|ben(?:ö|oe)tige|brauchen|ben(?:ö|oe)tigen|braucht|einholen|abwarten|warte auf|warten auf)\s+(?:[a-z\pL]+\s+){0,2}?(?:freigabe|genehmigung|zustimmung|unterschrift)` +
		`|\b(?:freigegeben|genehmigt|abgesegnet|unterschrieben|abgezeichnet) werden\b` +
		`|\b` + detPossDE + ` (?:[a-z\pL-]+ )?(?:` + authNounsDE + `)\s+(?:[a-z\pL]+\s+){0,2}?(?:vorlegen|vorstellen|pr(?:ä|ae)sentieren|zur entscheidung|zur freigabe|zur genehmigung)` +
		`|\bnicht (?:der|die|den) (?:[a-z\pL]+ )?entscheider(?:in)?\b|\bkein(?:e)? entscheider(?:in)?\b` +
		`|\bnicht (?:meine|mein) (?:entscheidung|sache|budget)\b|\bliegt nicht bei mir\b|\bentscheide (?:das |ich )?nicht\b|\bnicht (?:allein|alleine) entscheiden\b` +
		`|\b(?:nicht|keine) (?:zeichnungsberechtigt|vertr(?:ä|ae)ge unterschreiben|unterschriftsberechtigung|entscheidungsbefugnis|befugnis)` +
		`|\bnicht (?:befugt|berechtigt|bevollm(?:ä|ae)chtigt),? (?:\pL+ ){0,2}?(?:zu )?(?:unterschreiben|unterzeichnen|bestellen|entscheiden|vertr(?:ä|ae)ge|auftr(?:ä|ae)ge)` +
		`|\b(?:darf|kann) (?:ich )?(?:keine|nicht) (?:vertr(?:ä|ae)ge )?(?:unterschreiben|unterzeichnen|entscheiden|freigeben)` +
		`|\b(?:unterschreiben|unterzeichnen|entscheiden|freigeben|genehmigen) (?:darf|kann) ich (?:\pL+ )?nicht\b`)

	// deferFR finds French statements that someone else decides.
	deferFR = mustPattern(`\b(?:la |une |le )?(?:d(?:é|e)cision|choix|validation|arbitrage|dernier mot|go) (?:finale? |d(?:é|e)finitif |d(?:é|e)finitive )?(?:revient|appartient|sera prise|est prise|rel(?:è|e)ve|d(?:é|e)pend|incombe|reviendra)\b` +
		`|\bn'(?:ai|avons|a) pas (?:de |la )?(?:d(?:é|e)l(?:é|e)gation|pouvoir) de signature\b|\bsans (?:d(?:é|e)l(?:é|e)gation|pouvoir) de signature\b` +
		`|\bfai(?:re|s|t|sons|tes|rai|rons) (?:valider|approuver|signer|remonter)\b` +
		`|\b(?:soumet\pL*|pr(?:é|e)sent(?:er|e|erai|erons|ons)|remonter|propos(?:er|erai|erons)|transmet(?:s|tre|trai|trons|tons))\s+(?:[a-z\pL']+\s+){0,3}?(?:(?:à|a) ` + detPossFR + `|au|aux) ?(?:[a-z\pL-]+ )?(?:` + authNounsFR + `)` + authEnd +
		`|\b(?:en parler|voir (?:ça |cela |cela )?|discuter|consulter|v(?:é|e)rifier|valider (?:ça |cela )?)\s*(?:(?:avec|(?:à|a)) ` + detPossFR + `|aux|au) ?(?:[a-z\pL-]+ )?(?:` + authNounsFR + `)` + authEnd +
		`|\b(?:accord|feu vert|approbation|validation|aval|signature|autorisation) (?:de|du|des|par|d') ?` + detPossFR + `? ?(?:[a-z\pL-]+ )?(?:` + authNounsFR + `)` + authEnd +
		`|\bpass(?:er|e|era|ent|eront) (?:en|devant (?:le|la|notre|les)) (?:conseil|comit(?:é|e)|codir|comex|commission|bureau|assembl(?:é|e)e|direction)` +
		`|\bpas (?:le |la )?(?:d(?:é|e)cideur|d(?:é|e)cisionnaire)\b|\bpas moi qui (?:d(?:é|e)cide|signe|valide)|\bpas (?:à|a) moi de (?:d(?:é|e)cider|signer|trancher)` +
		`|\bpas (?:ma|mon) (?:d(?:é|e)cision|budget|r(?:ô|o)le de)\b|\b(?:ne peux|(?:ne suis |n'est |pas |non )?pas (?:habilit|autoris|mandat)\pL*(?: (?:à|a|pour))?)\s+(?:pas |rien )?(?:signer|engager|d(?:é|e)cider|valider|commander)` +
		`|\bne (?:signe|d(?:é|e)cide) pas\b|\bpeux pas (?:signer|d(?:é|e)cider|engager)`)

	// deferES finds Spanish statements that someone else decides.
	deferES = mustPattern(`\b(?:la |el |las )?(?:decisiones|adjudicaci(?:ó|o)n|decisi(?:ó|o)n|aprobaci(?:ó|o)n|autorizaci(?:ó|o)n|firma|visto bueno|(?:ú|u)ltima palabra) (?:final |última |ultima |definitiva )?(?:las tomar(?:á|a)n?|las toma|la hace|la har(?:á|a)|la toma|la tomar(?:á|a)|la tienen?|es de|corresponde|depende|recae|est(?:á|a) en manos|la va a tomar|queda en manos)` +
		`|\b(?:aprobaci(?:ó|o)n|autorizaci(?:ó|o)n|visto bueno|luz verde|firma|ok|validaci(?:ó|o)n) (?:de|del|por parte de)\s+` + detPossES + `? ?(?:[a-z\pL-]+ )?(?:` + authNounsES + `)` + authEnd +
		`|\b(?:necesito|necesitamos|necesitar(?:í|i)a|requiere|requiero|requerimos|hace falta|pendiente de|sujeto a|esperar|esperando|pedir|conseguir|obtener)\s+(?:la |el |su |una |un )?(?:aprobaci(?:ó|o)n|autorizaci(?:ó|o)n|visto bueno|luz verde|firma|ok)` +
		`|\b(?:consultar(?:lo)?|hablar(?:lo)?|comentar(?:lo)?|validar(?:lo)?|ver(?:lo)?|revisar(?:lo)?|discutir(?:lo)?|confirmar(?:lo)?|presentar(?:lo|se lo|selo)?|proponer(?:lo|selo)?|llevar(?:lo)?|consultarlo)\s+(?:con|a)\s+` + detPossES + ` (?:[a-z\pL-]+ )?(?:` + authNounsES + `)` + authEnd +
		`|\b(?:que|quien|quienes|el|ella|ellos) (?:es|son|ser(?:á|a)n?) (?:quien|quienes|el que|la que|los que) (?:aprueb|decid|firm|autoriz|tiene la (?:ú|u)ltima)\pL*` +
		`|\bno (?:soy|soy yo) (?:quien|el que|la que) (?:decide|firma|aprueba|toma)|\bno (?:soy )?(?:el |la )?(?:que )?(?:decisor|decisora|tomador de decisiones)\b` +
		`|\bno (?:es|depende de) (?:mi|mía|mia) (?:decisi(?:ó|o)n)?|\bno depende de m(?:í|i)|\bno (?:puedo|tengo (?:autoridad|autorizaci(?:ó|o)n) para|estoy (?:autorizad|facultad|habilitad|apoderad)[oa] (?:para|a)) (?:firmar|decidir|aprobar|comprometer|comprar|contratar)`)

	// decideDE, decideFR and decideES find the writer deciding.
	decideDE = mustPattern(`\bich (?:entscheide|unterschreibe|unterzeichne|genehmige)\b|\bentscheide ich\b|\bich (?:treffe|habe) (?:die |das )?(?:finale |letzte |endg(?:ü|ue)ltige )?(?:entscheidung|wort)\b|\b(?:entscheidung|wort) (?:liegt|ist) (?:bei mir|meine)\b|\bich bin (?:der |die )?(?:alleinige[rn]? )?(?:entscheider(?:in)?|zeichnungsberechtigt)\b|\b(?:das ist |ist )mein (?:eigenes )?budget\b|\bmein eigenes budget\b|\b(?:meine|meiner) (?:eigene[n]? )?(?:firma|praxis|kanzlei|agentur|werkstatt|b(?:ä|ae)ckerei)\b|\bmein(?:en)? (?:eigene[nrs]? )?(?:betrieb|unternehmen|laden|gesch(?:ä|ae)ft|restaurant|hotel|b(?:ü|ue)ro|studio)\b|\b(?:ich|und) (?:f(?:ü|ue)hre|leite) (?:ein|eine|einen|unsere|unseren|unser|das|die|den|meine|meinen|mein) (?:[a-z\pL-]+ ){0,2}?(?:firma|betrieb|unternehmen|praxis|kanzlei|agentur|laden|gesch(?:ä|ae)ft|restaurant|hotel|werkstatt|b(?:ä|ae)ckerei|studio|gmbh)\b|\bich habe (?:die firma|das unternehmen) gegr(?:ü|ue)ndet|\bentscheide (?:das |dies |es |ich )?(?:in eigener (?:kompetenz|verantwortung)|selbst|allein|alleine)\b|\bunterschreibe (?:\pL+ ){0,2}?(?:selbst|allein|alleine)\b|\bunterschreibe ich\b|\bich (?:kann|darf) (?:\pL+ ){0,3}?(?:selbst |allein |alleine )?(?:freigeben|entscheiden|unterschreiben|genehmigen)\b|\bohne (?:r(?:ü|ue)cksprache|freigabe|zustimmung)\b|\b(?:bin|arbeite) allein\b|\bund ich (?:\pL+ )?(?:sind die (?:eigent(?:ü|ue)mer|inhaber)|f(?:ü|ue)hren)\b|\b(?:ich )?hab(?:e)? (?:n|ne|nen|ein|eine|einen|zwei|drei|\d+) (?:\pL+ )?\pL*(?:(?:salon|laden|studio|diele|cafe|restaurant|imbiss|kneipe|bar|praxis|betrieb|firma|werkstatt|b(?:ä|ae)ckerei|hof|pension|hotel|agentur|kanzlei|gesch(?:ä|ae)ft|filialen|l(?:ä|ae)den|lokal|lokale|standorte|hotels|restaurants|praxen|studios|salons|kneipen|cafés|caf(?:e|é)s|betriebe|gesch(?:ä|ae)fte|werkst(?:ä|ae)tten|b(?:ä|ae)ckereien)\b|café)`)
	decideFR = mustPattern(`\bje (?:d(?:é|e)cide|signe|valide|tranche)\b|\bc'est moi qui (?:d(?:é|e)cide|signe|valide|tranche)|\bla d(?:é|e)cision (?:me revient|m'appartient|est la mienne)|\bje suis (?:le |la )?(?:seul |seule )?(?:d(?:é|e)cideu?r|d(?:é|e)cisionnaire)|\bj'ai le dernier mot\b|\bc'est mon (?:propre )?budget\b|\b(?:ma|mon) propre bo(?:î|i)te\b|\bj'ai (?:ma|mon) (?:propre )?(?:(?:bo(?:î|i)te|entreprise|soci(?:é|e)te|agence|cabinet)\b|soci(?:é|e)té)|\b(?:ma|mon) (?:propre )?(?:(?:soci(?:é|e)te|entreprise|agence|cabinet|boutique|commerce|restaurant|h(?:ô|o)tel|magasin|atelier|pme)\b|soci(?:é|e)té)|\b(?:je|et) (?:dirige|g(?:è|e)re) (?:une|un|l'|la|le|notre|mon|ma) ?(?:[a-z\pL-]+ ){0,2}?(?:(?:soci(?:é|e)te|entreprise|bo(?:î|i)te|agence|cabinet|boutique|commerce|restaurant|h(?:ô|o)tel|magasin|atelier|pme|clinique|(?:é|e)cole)\b|soci(?:é|e)té)|\bj'ai (?:fond(?:é|e)|cr(?:é|e)(?:é|e)) (?:la |l'|notre |ma |mon )|\bje (?:peux|pourrai) (?:\pL+ )?(?:valider|signer|d(?:é|e)cider|engager|approuver)\b|\bsans passer par\b|\bje travaille seule?\b|\b(?:on|nous) (?:tient|tenons|poss(?:è|e)de|poss(?:é|e)dons) (?:le|la|l'|un|une|notre|nos|les|deux|trois|\d+) |\bj'ai (?:un|une|deux|trois|quatre|\d+) (?:petit |petite |petits |petites )?(?:(?:resto|restaurant|boutique|salon|magasin|commerce|entreprise|soci(?:é|e)te|h(?:ô|o)tel|bar|cafe|pharmacie|cabinet|agence|boulangerie|garage|salle|atelier|restos|restaurants|boutiques|salons|magasins|h(?:ô|o)tels|bars|pharmacies|agences|food ?truck|camion|kiosque|auberge|brasserie|cr(?:è|e)che|auto-(?:é|e)cole|(?:é|e)picerie|librairie|fleuriste|cave)\b|soci(?:é|e)té|café|g(?:î|i)te)`)
	decideES = mustPattern(`\byo (?:decido|firmo|apruebo)\b|\bdecido yo\b|\b(?:la )?decisi(?:ó|o)n es m(?:í|i)a\b|\bsoy (?:yo )?(?:quien|el que|la que) (?:decide|firma|aprueba|toma la decisi)|\b(?:tengo|la tengo yo) (?:la )?(?:última|ultima) palabra|\bes mi (?:propio )?presupuesto\b|\bmi (?:propia |propio )?(?:empresa|negocio|cl(?:í|i)nica|agencia|despacho|restaurante|tienda|hotel|taller|consultorio|pyme)\b|\b(?:dirijo|gestiono|llevo|tengo) (?:una|un|la|el|nuestra|nuestro|mi) (?:[a-z\pL-]+ ){0,2}?(?:empresa|negocio|cl(?:í|i)nica|agencia|despacho|restaurante|tienda|hotel|taller|consultorio|pyme|escuela|colegio|academia|hostal|puesto|quiosco|kiosco|residencia|guarder(?:í|i)a|bodega|granja|finca)\b|\b(?:fund(?:é|e)|cre(?:é|e)) (?:la|el|esta|este|mi) (?:empresa|negocio|agencia)\b|\bpuedo (?:\pL+ )?(?:aprobar|firmar|decidir|autorizar)\b|\bsin pasar por\b|\btrabajo sol[oa]\b|\by yo (?:llevamos|dirigimos|regentamos|somos (?:los )?(?:due(?:ñ|n)os|propietarios))\b|\bdecisi(?:ó|o)n (?:final |(?:ú|u)ltima |definitiva )?es m(?:í|i)a\b|\btengo (?:un|una|dos|tres|cuatro|\d+) (?:peque(?:ñ|n)[oa]s? )?(?:peluquer(?:í|i)a|sal(?:ó|o)n|bar|cafeter(?:í|i)a|farmacia|gimnasio|panader(?:í|i)a|inmobiliaria|restaurante|tienda|negocio|empresa|taller|cl(?:í|i)nica|consultorio|hotel|agencia|despacho|local|restaurantes|tiendas|negocios|locales|sucursales|puesto|academia|hostal|quiosco|kiosco|food ?truck|taquer(?:í|i)a|ferreter(?:í|i)a|papeler(?:í|i)a|lavander(?:í|i)a|pasteler(?:í|i)a|carnicer(?:í|i)a|bodega|granja|finca)\b`)

	// influDE, influFR and influES find the writer evaluating,
	// researching, shortlisting or recommending.
	influDE = mustPattern(`\bich (?:soll|wurde (?:gebeten|beauftragt)|bin beauftragt|habe den auftrag|bin dabei|sammle|mache|erstelle|pr(?:ü|ue)fe|vergleiche|evaluiere|recherchiere|sondiere|schaue mir)\b(?:\s+[a-z\pL,]+){0,6}?\s+(?:vergleichen|recherchieren|evaluieren|pr(?:ü|ue)fen|anschauen|sondieren|finden|suchen|zusammenstellen|optionen|angebote|anbieter|l(?:ö|oe)sungen|tools|vorauswahl|shortlist|(?:ü|ue)berblick|markt|empfehlung)` +
		`|\b(?:eine |meine )?(?:empfehlung|vorauswahl|shortlist|entscheidungsvorlage)\b` +
		`|\bich (?:empfehle|w(?:ü|ue)rde empfehlen)\b|\bich (?:recherchiere|vergleiche|evaluiere|sondiere)\b|\b(?:sammle|vergleiche|recherchiere|evaluiere|sondiere) ich\b` +
		`|\b(?:projektteam|auswahlteam|evaluierungsteam|auswahlprozess|auswahlverfahren)\b` +
		`|\bich (?:leite|f(?:ü|ue)hre|koordiniere|betreue) (?:\pL+ ){0,2}?(?:die|das|den|eine|ein|einen|unser|unsere|unseren) (?:[a-z\pL-]+ )?(?:arbeitsgruppe|projektgruppe|abteilung|team|projekt|bereich|auswahl|evaluierung|[a-z\pL-]*team|[a-z\pL-]*abteilung|[a-z\pL-]*projekt)\b` +
		`|\bim auftrag (?:unseres|unserer|meines|meiner|der|des) ` +
		`|\bich (?:bin|arbeite) im (?:zentral)?einkauf\b|\bje (?:suis|travaille) (?:aux|au service) achats\b|\b(?:trabajo|estoy) en (?:el departamento de )?compras\b`)
	influFR = mustPattern(`\bje (?:compare|benchmark|recense|pr(?:é|e)s(?:é|e)lectionne)\b|\bje (?:dirige|pilote|coordonne|anime) (?:l'|la |le |une |un |notre )(?:[a-z\pL-]+ )?(?:(?:é|e)quipe|service|d(?:é|e)partement|projet|appel d'offres|groupe de travail)\b|\bje (?:suis )?(?:charg(?:é|e)e? de|dois|compare|(?:é|e)value|analyse|recense|pr(?:é|e)pare|fais|regarde|me renseigne)\b(?:\s+[a-z\pL',]+){0,5}?\s*(?:comparer|(?:é|e)valuer|trouver|identifier|recenser|comparatif|comparaison|solutions|outils|offres|pr(?:é|e)s(?:é|e)lection|short-?list|recommandation|benchmark|march(?:é|e)|options)` +
		`|\b(?:une |ma )?(?:recommandation|pr(?:é|e)s(?:é|e)lection|short-?list)\b` +
		`|\bon m'a (?:demand(?:é|e)|charg(?:é|e)e?|confi(?:é|e)) (?:de |d')|\bj'ai (?:(?:é|e)t(?:é|e)) (?:charg(?:é|e)e?|mandat(?:é|e)e?|missionn(?:é|e)e?) (?:de |d')|\b(?:un|mon|le|ce) (?:petit )?(?:comparatif|benchmark)\b` +
		`|\bje (?:recommanderai|vais recommander|recommanderais)\b`)
	influES = mustPattern(`\b(?:quiero|voy a|vamos a) proponer\b|\b(?:dirijo|lidero|coordino|llevo) (?:el|la|un|una|nuestro|nuestra) (?:[a-z\pL-]+ )?(?:equipo|departamento|(?:á|a)rea|proyecto|licitaci(?:ó|o)n)\b|\b(?:estoy|me (?:han pedido|pidieron|encargaron|toca)|me encargo de|mi tarea es|tengo que|debo)\s+(?:[a-z\pL,]+\s+){0,4}?(?:evaluando|comparando|investigando|analizando|buscando (?:opciones|alternativas|proveedores|soluciones)|evaluar|comparar|investigar|buscar (?:opciones|alternativas|proveedores|soluciones|una herramienta|un software|un sistema)|analizar|preseleccionar|recomendar)` +
		`|\b(?:una |mi )?(?:recomendaci(?:ó|o)n|preselecci(?:ó|o)n|lista corta|shortlist)\b` +
		`|\b(?:armando|haciendo|preparando|elaborando|armar|hacer|preparar|elaborar) (?:una|un) (?:comparativa|comparativo|comparaci(?:ó|o)n|benchmark)\b|\bpara (?:poder )?recomendar\b` +
		`|\bme (?:han pedido|pidieron|encargaron|encomendaron|toca) (?:que )?(?:recopil|reun|junt|busc|compar|evalu|investig|analiz|prepar|sacar)\pL*` +
		`|\b(?:recomendar(?:e\b|é)|voy a recomendar\b|recomendar(?:í|i)a\b)`)

	// userDE, userFR and userES find the writer wanting it for their own
	// work.
	userDE = mustPattern(`\bf(?:ü|ue)r mich (?:selbst|selber|allein|pers(?:ö|oe)nlich)\b|\bich arbeite (?:im|in der|an der|am) (?:service|lager|k(?:ü|ue)che|empfang|verkauf|kasse|pflege|produktion|werkstatt|kundenservice|support|versand|schichtdienst|au(?:ß|ss)endienst)\b|\bf(?:ü|ue)r meine (?:auswertungen|analysen|projekte|kunden|berichte|texte)\b|\b(?:f(?:ü|ue)r|bei) meine(?:r|n)? (?:eigene[n]? |t(?:ä|ae)gliche[n]? )?(?:arbeit|zwecke|nutzung|aufgaben|job)\b|\bich (?:w(?:ü|ue)rde|werde|m(?:ö|oe)chte) (?:es|das|die software|das tool|die app|das programm)? ?(?:selbst |selber |t(?:ä|ae)glich )?(?:nutzen|benutzen|verwenden|einsetzen)\b|\bich (?:selbst )?(?:arbeite|bin) (?:t(?:ä|ae)glich|jeden tag) (?:mit|damit)\b`)
	userFR = mustPattern(`\bje demande pour moi\b|\bpour moi(?:-m(?:ê|e)me)?(?: seul(?:e)?)?\s*$|\bpour mon (?:propre )?boulot\b|\bje bosse (?:comme|en tant que|dans|chez)\b|\bpour (?:mon|mes) (?:propre |propres )?(?:(?:usage|travail|besoins|utilisation|activite)\b|activité)|\bje (?:l'|vais l'|l'utiliserai|compte l')?utiliser(?:ai|ais)?\b|\bje (?:serai|serais) (?:le |la )?(?:principale? |seule? )?utilisat(?:eur|rice)\b|\bau quotidien pour mon\b`)
	userES = mustPattern(`\bpara m(?:í|i) (?:solo|sola|misma|mismo)\b|\bsolo para m(?:i\b|í)|\btrabajo (?:de|como) (?:chofer|cajer[oa]|mesero|mesera|camarer[oa]|cociner[oa]|vendedor[a]?|enfermer[oa]|repartidor[a]?)\b|\bpara (?:mi|mis) (?:propio |propios )?(?:uso|trabajo|tareas|d(?:í|i)a a d(?:í|i)a)\b|\b(?:yo )?(?:lo |la )?(?:(?:usar(?:í|i)a|usare|utilizar(?:í|i)a|utilizare|voy a usar(?:lo|la)?|voy a utilizar(?:lo|la)?)\b|usaré|utilizaré)|\b(?:ser(?:í|i)a|ser(?:é|e)) (?:el |la )?(?:principal |(?:ú|u)nic[oa] )?usuari[oa]\b`)

	// introLangRe finds a first-person statement of one's job in
	// German, French or Spanish ("ich bin Teamleiter", "je suis
	// responsable", "soy la gerente"); group 1 is the intro.
	introLangRe = mustPattern(`\b(c'est moi|es yo|soy yo|ich bin|ich arbeite als|bin|je suis|je travaille comme|je travaille en tant que|en tant que|soy|sou|(?:le|les) (?:escribe|saluda)|trabajo como|trabajo de|curro de|curro como|mi (?:puesto|cargo|rol) es|mon (?:poste|r(?:ô|o)le) est|meine (?:rolle|position|funktion) ist)\s+`)
	// fieldLangRe finds a "Position: Teamleiter" form field.
	fieldLangRe = mustPattern(`(?:^|\n)\s*(?:position|funktion|rolle|berufsbezeichnung|jobtitel|poste|fonction|titre|r(?:ô|o)le|cargo|puesto|rol)\s*[:=-]\s*`)
	// asLangRe finds "als Geschäftsführer", "comme gérante", "como
	// dueña": group 1 is the intro.
	asLangRe = mustPattern(`\b(als|comme|como)\s+`)

	// noOtherRe finds the writer saying nobody else decides ("no one else
	// is involved", "ich brauche keine Freigabe", "nadie más").
	noOtherRe = mustPattern(`\bno (?:one|body) else (?:is involved|decides|needs to|has to|signs|approves|involved)|\bnobody else (?:is involved|decides|needs to|has to|signs|approves)|\b(?:don't|do not|won't|never) need (?:anyone's|anybody's|any|someone's|a|the) (?:approval|sign[- ]?off|permission|ok)|\bwithout (?:anyone's|any) (?:approval|sign[- ]?off)|\bkeine (?:freigabe|genehmigung|zustimmung) (?:von|vom|der|des|n(?:ö|oe)tig|notwendig|erforderlich|brauche)|\bniemand(?:en)? (?:sonst|anderen|anders) (?:fragen|entscheidet|muss)|\bmuss niemanden fragen|\bpersonne d'autre (?:ne )?(?:d(?:é|e)cide|valide|signe|n'intervient|intervient)|\bpas besoin (?:de |d')(?:l'|la |le |leur |son )?(?:accord|validation|autorisation|approbation|feu vert|aval)|\bsans (?:validation|accord|approbation) (?:de|d'|pr(?:é|e)alable)|\bno necesito (?:la |el )?(?:aprobaci(?:ó|o)n|autorizaci(?:ó|o)n|permiso|visto bueno)|\bnadie m(?:á|a)s (?:decide|firma|aprueba|interviene)`)
)

// othersNamed reports a word before p that makes the noun at p other
// people: a number or a determiner ("300 Freiberufler", "mit den
// Freelancern", "our freelancers").
func othersNamed(d *doc, p int) bool {
	ws, we := prevWord(d.lower, d.clauseStart(p), p)
	if ws < 0 {
		return false
	}
	w := d.lower[ws:we]
	if w != "" && w[0] >= '0' && w[0] <= '9' {
		return true
	}
	switch w {
	case "die", "den", "der", "mit", "unsere", "unseren", "our", "the", "with", "von", "des", "mes", "nos",
		"les", "los", "las", "con", "de", "several", "many", "mehrere", "viele", "plusieurs", "varios", "varias":
		return true
	}
	return false
}

// approvalLimit reports an amount limit just after p: "hasta", "up to",
// "jusqu'à", "bis".
func approvalLimit(d *doc, p int) bool {
	seg := d.lower[p:min(len(d.lower), p+30)]
	for _, w := range []string{"hasta", "up to", "jusqu", " bis "} {
		if strings.Contains(seg, w) {
			return true
		}
	}
	return false
}

// authNegatedLang reports a German, French or Spanish negation among the
// three words before p in its clause ("ich brauche keine Freigabe", "je
// n'ai pas besoin de validation", "no necesito aprobación"). English
// negations are d.negatedBefore's.
func authNegatedLang(d *doc, p int) bool {
	lo := max(d.clauseStart(p), p-40)
	if c := strings.LastIndexByte(d.lower[lo:p], ','); c >= 0 {
		lo += c + 1
	}
	words := strings.Fields(d.lower[lo:p])
	for i := len(words) - 1; i >= 0 && i >= len(words)-3; i-- {
		w := strings.Trim(words[i], ".,;:!?\"()")
		switch w {
		case "nicht", "kein", "keine", "keinen", "keiner", "ohne", "niemand", "niemandes", "nie",
			"pas", "sans", "jamais", "personne", "aucun", "aucune",
			"sin", "nunca", "nadie", "ningún", "ningun", "ninguna":
			return true
		}
		if strings.HasPrefix(w, "n'") {
			return true
		}
	}
	return false
}

// Title words of German, French and Spanish titles, for classifyTitle.
// Words that take a department after them ("directeur commercial", "jefe
// de compras", "Leiter Einkauf") are in langOfTitles.
var (
	dmTitleWordsLang = map[string]bool{
		"geschäftsführer": true, "geschaeftsfuehrer": true, "geschäftsführerin": true,
		"geschaeftsfuehrerin": true, "geschäftsfuhrer": true, "geschaftsfuhrer": true,
		"inhaber": true, "inhaberin": true, "mitinhaber": true, "mitinhaberin": true,
		"vorstand": true, "vorständin": true, "vorstandsvorsitzender": true, "vorstandsvorsitzende": true,
		"gründer": true, "gruender": true, "gründerin": true, "gruenderin": true,
		"mitgründer": true, "mitgruender": true, "mitgründerin": true, "mitgruenderin": true,
		"eigentümer": true, "eigentuemer": true, "eigentümerin": true, "eigentuemerin": true,
		"gesellschafter": true, "gesellschafterin": true, "geschäftsleitung": true, "geschaeftsleitung": true,
		"praxisinhaber": true, "praxisinhaberin": true,
		"pdg": true, "dg": true, "gérant": true, "gerant": true, "gérante": true, "gerante": true,
		"cogérant": true, "cogerant": true, "fondateur": true, "fondatrice": true,
		"cofondateur": true, "cofondatrice": true, "co-fondateur": true, "co-fondatrice": true,
		"président": true, "présidente": true, "presidente": true, "presidenta": true, "propriétaire": true, "proprietaire": true,
		"associé": true, "associée": true, "associe": true, "associee": true, "daf": true,
		"associés": true, "associées": true, "associes": true, "associees": true, "socios": true, "socias": true,
		"dueño": true, "dueña": true, "dueno": true, "duena": true, "propietario": true, "propietaria": true,
		"fundador": true, "fundadora": true, "cofundador": true, "cofundadora": true,
		"socio": true, "socia": true, "socio-director": true, "prokurist": true, "prokuristin": true,
		// The head of an institution: a school, a university's
		// administration, an association (spec: president).
		"präsident": true, "präsidentin": true, "praesident": true, "praesidentin": true,
		"schulleiter": true, "schulleiterin": true, "rektor": true, "rektorin": true, "kanzler": true, "kanzlerin": true,
		"proviseur": true, "proviseure": true, "rector": true, "rectora": true,
		"partnerin": true, "vorstands": true, "dsi": true, "vorsitzende": true, "vorsitzender": true, "copropietario": true, "copropietaria": true, "copropriétaire": true, "coproprietaire": true, "patron": true, "patrón": true, "gf": true, "titulaire": true, "titular": true,
		"dirigeant": true, "dirigeante": true, "patronne": true, "unternehmer": true, "unternehmerin": true,
		"empresario": true, "empresaria": true, "propriétaires": true, "auto-entrepreneur": true,
		"autónomo": true, "autónoma": true, "autonomo": true, "autonoma": true, "freelance": true,
		"freelancer": true, "freelancerin": true, "freiberufler": true, "freiberuflerin": true,
		"selbstständig": true, "selbständig": true, "einzelunternehmer": true, "einzelunternehmerin": true,
		"indépendant": true, "indépendante": true, "franchisenehmer": true, "franchisenehmerin": true,
		"franchisé": true, "franchisée": true, "franchise": true, "franquiciado": true, "franquiciada": true, "independiente": true, "micro-entrepreneur": true,
	}
	influencerTitleWordsLang = map[string]bool{
		// Buyers evaluate for the organisation (spec: procurement compiling a list).
		"buyer":  true,
		"leiter": true, "leiterin": true, "teamleiter": true, "teamleiterin": true,
		"abteilungsleiter": true, "abteilungsleiterin": true, "bereichsleiter": true, "bereichsleiterin": true,
		"projektleiter": true, "projektleiterin": true, "filialleiter": true, "filialleiterin": true,
		"manager": true, "managerin": true, "referatsleiter": true, "referent": true, "referentin": true,
		"responsable": true, "directeur": true, "directrice": true, "chef": true, "cheffe": true,
		"jefe": true, "jefa": true, "encargado": true, "encargada": true, "gerente": true,
		"director": true, "directora": true, "coordinador": true, "coordinadora": true,
		"coordinateur": true, "coordinatrice": true, "einkäufer": true, "einkaeufer": true,
		"acheteur": true, "acheteuse": true, "comprador": true, "compradora": true,
		"supervisor": true, "supervisora": true, "superviseur": true, "líder": true, "lider": true, "leitung": true,
		"bauführer": true, "bauleiter": true, "polier": true, "vorarbeiter": true, "meister": true,
		"meisterin": true, "coordonnateur": true, "coordonnatrice": true, "encargados": true,
		"pilote": true, "cadre": true, "adjoint": true, "adjointe": true, "adjunto": true, "adjunta": true, "subdirector": true, "subdirectora": true,
		"sous-directeur": true, "sous-directrice": true, "stellvertreter": true, "stellvertreterin": true, "coordenador": true, "coordenadora": true, "gestionnaire": true, "gestionnaires": true, "drh": true, "rrh": true, "raf": true, "contremaître": true, "contremaitre": true, "capataz": true,
	}
	userTitleWordsLang = map[string]bool{
		"conserje": true, "portero": true, "portera": true, "hausmeister": true, "hausmeisterin": true,
		"concierge": true, "gardien": true, "gardienne": true, "janitor": true, "caretaker": true,
		"receptionniste": true,
		"sachbearbeiter": true, "sachbearbeiterin": true, "assistenz": true, "assistent": true,
		"assistentin": true, "mitarbeiter": true, "mitarbeiterin": true,
		"entwickler": true, "entwicklerin": true, "buchhalter": true, "buchhalterin": true,
		"disponent": true, "disponentin": true, "praktikant": true, "praktikantin": true,
		"werkstudent": true, "werkstudentin": true, "azubi": true, "auszubildende": true, "auszubildender": true,
		"krankenschwester": true, "pfleger": true, "pflegerin": true, "lehrer": true, "lehrerin": true,
		"kaufmann": true, "kauffrau": true, "techniker": true, "technikerin": true, "ingenieur": true, "ingenieurin": true,
		"assistante": true, "comptable": true, "technicien": true, "technicienne": true,
		"développeur": true, "developpeur": true, "développeuse": true, "developpeuse": true,
		"infirmier": true, "infirmière": true, "infirmiere": true, "enseignant": true, "enseignante": true,
		"professeur": true, "professeure": true, "stagiaire": true, "employé": true, "employée": true,
		"employe": true, "employee": true, "collaborateur": true, "collaboratrice": true, "analyste": true,
		"ingénieur": true, "chargé": true, "chargée": true, "charge": true, "chargee": true,
		"asistente": true, "analista": true, "administrativo": true, "administrativa": true,
		"contable": true, "contador": true, "contadora": true, "técnico": true, "tecnico": true,
		"técnica": true, "tecnica": true, "desarrollador": true, "desarrolladora": true,
		"vendedor": true, "vendedora": true, "enfermero": true, "enfermera": true, "profesor": true,
		"profesora": true, "maestro": true, "maestra": true, "becario": true, "becaria": true,
		"empleado": true, "empleada": true, "auxiliar": true, "recepcionista": true, "secretaria": true,
		"secrétaire": true, "secretaire": true, "sekretärin": true, "sekretaerin": true,
		"commerciale": true, "commercial": true, "comercial": true, "estudiante": true, "étudiant": true, "étudiante": true, "etudiant": true, "etudiante": true, "alumno": true, "alumna": true, "controllerin": true, "außendienstmitarbeiter": true,
		"außendienstler": true, "aussendienstler": true, "außendienstlerin": true, "aussendienstlerin": true, "vertriebsmitarbeiter": true,
		"koch": true, "köchin": true, "kellner": true, "kellnerin": true, "servicekraft": true, "lagerist": true,
		"lageristin": true, "kassierer": true, "kassiererin": true, "apotheker": true, "apothekerin": true,
		"pta": true, "mfa": true, "arzthelferin": true, "erzieher": true, "erzieherin": true, "lehrkraft": true,
		"grafiker": true, "grafikerin": true, "designerin": true, "programmierer": true, "programmiererin": true,
		"monteur": true, "monteurin": true, "mechaniker": true, "mechanikerin": true, "elektriker": true,
		"elektrikerin": true, "steuerfachangestellte": true, "krankenpfleger": true, "pflegekraft": true,
		"cuisinier": true, "cuisinière": true, "serveur": true, "serveuse": true, "magasinier": true,
		"magasinière": true, "chauffeur": true, "caissier": true, "caissière": true, "vendeur": true,
		"vendeuse": true, "pharmacien": true, "pharmacienne": true, "téléconseiller": true,
		"téléconseillère": true, "teleconseiller": true, "conseiller": true, "conseillère": true,
		"projectionniste": true, "machiniste": true, "opérateur": true, "opératrice": true, "operateur": true,
		"prof": true, "instituteur": true, "institutrice": true, "graphiste": true, "juriste": true,
		"avocat": true, "avocate": true, "ouvrier": true, "ouvrière": true, "préparateur": true,
		"préparatrice": true, "aide-soignant": true, "aide-soignante": true, "standardiste": true,
		"réceptionniste": true, "livreur": true, "mécanicien": true, "électricien": true, "rédacteur": true,
		"rédactrice": true, "cocinero": true, "cocinera": true, "mesero": true, "mesera": true,
		"camarero": true, "camarera": true, "chofer": true, "chófer": true, "conductor": true,
		"conductora": true, "repartidor": true, "repartidora": true, "cajero": true, "cajera": true,
		"farmacéutico": true, "farmacéutica": true, "abogado": true, "abogada": true, "diseñador": true,
		"diseñadora": true, "disenador": true, "disenadora": true, "programador": true, "programadora": true,
		"docente": true, "operario": true, "operaria": true, "almacenista": true, "bodeguero": true,
		"asesor": true, "asesora": true, "agente": true, "dependiente": true, "dependienta": true,
		"médico": true, "médica": true, "kommissionierer": true, "kommissioniererin": true,
		"gouvernante": true, "profe": true, "enólogo": true, "enóloga": true, "enologo": true, "enologa": true,
		"asv": true, "métreur": true, "metreur": true, "libraire": true, "commis": true, "mozo": true, "tfa": true,
		"studi": true, "laborantin": true, "laborant": true, "monitor": true, "monitora": true, "salarié": true,
		"salariée": true, "salarie": true, "salariee": true, "bénévole": true, "benevole": true, "voluntario": true, "voluntaria": true, "medico": true, "enfermeira": true, "gestor": true, "gestora": true,
		"soudeur": true, "soudeuse": true, "plombier": true, "menuisier": true, "maçon": true, "tourneur": true,
		"electricista": true, "soldador": true, "soldadora": true, "fontanero": true, "carpintero": true,
		"albañil": true, "tornero": true, "installateur": true, "tischler": true, "schreiner": true, "maurer": true,
	}
	// langOfTitles take "de"/"des"/"del"/"d'" and a department after
	// them ("chef de projet", "jefe de compras").
	langOfTitles = map[string]bool{
		"directeur": true, "directrice": true, "chef": true, "cheffe": true, "responsable": true,
		"jefe": true, "jefa": true, "director": true, "directora": true, "gerente": true,
		"encargado": true, "encargada": true, "chargé": true, "chargée": true, "charge": true, "chargee": true,
		"leiter": true, "leiterin": true, "coordinador": true, "coordinadora": true, "responsables": true,
		"asistente": true, "assistante": true, "técnico": true, "tecnico": true,
		"leitung": true, "mitglied": true, "membre": true, "miembro": true, "head": true, "líder": true, "lider": true, "coordenador": true, "coordenadora": true,
	}
	// langOfWords are the "of" words of German, French and Spanish titles.
	langOfWords = map[string]bool{"de": true, "des": true, "del": true, "du": true, "der": true, "d'": true}
)

// isLeiterCompound reports a German compound title ending in "leiter" or
// "leiterin" ("Einkaufsleiter", "Vertriebsleiterin"): a department head.
func isLeiterCompound(w string) bool {
	return len(w) > 8 && (strings.HasSuffix(w, "leiter") || strings.HasSuffix(w, "leiterin")) &&
		!strings.HasSuffix(w, "begleiter") && !strings.HasSuffix(w, "begleiterin")
}

// isTitleWordLang reports a German, French or Spanish word that names a
// role by itself.
func isTitleWordLang(w string) bool {
	return dmTitleWordsLang[w] || influencerTitleWordsLang[w] || userTitleWordsLang[w] || isLeiterCompound(w) ||
		titleSuffix(w, dmSuffixes) || titleSuffix(w, influencerSuffixes) || titleSuffix(w, userSuffixes)
}

// dmSuffixes end German compound titles of an owner or managing director
// ("Laborinhaber", "Praxisinhaberin", "Mitgeschäftsführer").
var dmSuffixes = []string{"besitzer", "besitzerin", "inhaber", "inhaberin", "eigentümer", "eigentümerin", "eigentuemer", "gründer",
	"gründerin", "geschäftsführer", "geschäftsführerin", "geschaeftsfuehrer", "geschaeftsfuehrerin"}

// authorityLang adds the German, French and Spanish readings of d to
// cands: stated titles ("ich bin Teamleiter", "en tant que gérante"),
// form fields ("Poste : responsable achats") and the four statement
// families. The patterns need their literals, so an English text costs
// almost nothing here.
func authorityLang(d *doc, cands []authCand) []authCand {
	add := func(level, role string, conf float64, start, end int) {
		cands = append(cands, authCand{
			a:   Authority{Level: level, Role: role, Confidence: conf, Evidence: d.snippet(start, end)},
			pos: start,
		})
	}
	for _, m := range introLangRe.findAll(d) {
		if authNegatedLang(d, m[0]) || d.negatedBefore(m[0]) {
			continue
		}
		if level, role, end, ok := parseTitle(d, m[1], strings.HasPrefix(d.lower[m[2]:m[3]], "en tant")); ok {
			add(level, role, titleConfidence(level), m[0], end)
		}
	}
	for _, m := range fieldLangRe.findAll(d) {
		if level, role, end, ok := parseTitle(d, m[1], false); ok {
			add(level, role, titleConfidence(level), m[1], end)
		}
	}
	for _, m := range asLangRe.findAll(d) {
		if level, role, end, ok := parseTitle(d, m[1], true); ok {
			add(level, role, titleConfidence(level), m[0], end)
		} else if level, role, end, ok := parseTitle(d, m[1], false); ok && asWriterTitle(d, m[0], end) {
			add(level, role, titleConfidence(level), m[0], end)
		}
	}
	for _, p := range []*pattern{deferDE, deferFR, deferES} {
		for _, m := range p.findAll(d) {
			if authNegatedLang(d, m[0]) || d.negatedBefore(m[0]) {
				add(LevelDecisionMaker, "", 0.75, m[0], m[1])
				continue
			}
			add(LevelDefers, "", 0.85, m[0], m[1])
		}
	}
	for _, m := range soloRe.findAll(d) {
		if authNegatedLang(d, m[0]) || d.negatedBefore(m[0]) || othersNamed(d, m[0]) {
			continue
		}
		add(LevelDecisionMaker, "", 0.8, m[0], m[1])
	}
	for _, p := range []*pattern{decideDE, decideFR, decideES} {
		for _, m := range p.findAll(d) {
			if authNegatedLang(d, m[0]) || d.negatedBefore(m[0]) {
				continue
			}
			if approvalLimit(d, m[1]) {
				// "puedo aprobar hasta 6.000 €": a signing limit, which
				// a stated title outranks.
				add(LevelDecisionMaker, "", 0.6, m[0], m[1])
				continue
			}
			add(LevelDecisionMaker, "", 0.85, m[0], m[1])
			cands[len(cands)-1].own = true
		}
	}
	for _, p := range []*pattern{influDE, influFR, influES} {
		for _, m := range p.findAll(d) {
			if authNegatedLang(d, m[0]) || d.negatedBefore(m[0]) {
				continue
			}
			add(LevelInfluencer, "", 0.65, m[0], m[1])
		}
	}
	for _, p := range []*pattern{userDE, userFR, userES} {
		for _, m := range p.findAll(d) {
			if authNegatedLang(d, m[0]) || d.negatedBefore(m[0]) {
				continue
			}
			add(LevelUser, "", 0.65, m[0], m[1])
		}
	}
	return cands
}

// authLanguage is detectLanguage without its allocations (Extract has
// already detected the language but does not pass it down): the same
// function words, elisions and letters, counted in place.
func authLanguage(lower string) string {
	var counts [4]int
	index := func(l string) int {
		switch l {
		case LangGerman:
			return 1
		case LangFrench:
			return 2
		case LangSpanish:
			return 3
		}
		return 0
	}
	isW := func(r rune) bool {
		return r == '\'' || r >= 'a' && r <= 'z' || r >= 0xC0 && r != 0xD7 && r != 0xF7
	}
	prevStart, prevEnd := -1, -1
	i := 0
	for i < len(lower) {
		r, n := utf8.DecodeRuneInString(lower[i:])
		if !isW(r) {
			i += n
			continue
		}
		ws := i
		for i < len(lower) {
			r, n = utf8.DecodeRuneInString(lower[i:])
			if !isW(r) {
				break
			}
			i += n
		}
		w := lower[ws:i]
		if l, ok := functionWords[w]; ok {
			counts[index(l)]++
		}
		if prevStart >= 0 && prevEnd+1 == ws && lower[prevEnd] == ' ' {
			if l, ok := functionWords[lower[prevStart:i]]; ok {
				counts[index(l)]++
			}
		}
		if len(w) > 2 && w[1] == '\'' && strings.ContainsRune("ldjmnstcq", rune(w[0])) {
			counts[2]++
		}
		prevStart, prevEnd = ws, i
	}
	if strings.ContainsAny(lower, "¿¡ñ") {
		counts[3] += 2
	}
	if strings.ContainsAny(lower, "ßäöü") {
		counts[1] += 2
	}
	if strings.ContainsAny(lower, "çèêàùœ") {
		counts[2] += 2
	}
	langs := [4]string{LangEnglish, LangGerman, LangFrench, LangSpanish}
	best := -1
	for i, c := range counts {
		if c > 0 && (best < 0 || c > counts[best]) {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	return langs[best]
}
