package email

import (
	"leadflow/lead"
)

// The languages leadflow writes lead-facing email in. English is the
// language of every built-in template; the others are translations,
// <name>.<lang>.<part>.tmpl next to the English <name>.<part>.tmpl.
const (
	LangEnglish = "en"
	LangGerman  = "de"
	LangFrench  = "fr"
	LangSpanish = "es"
)

// translations are the languages a template may have a variant in, in the
// order samples list them. English is not one: it is the template itself.
var translations = []string{LangGerman, LangFrench, LangSpanish}

// isTranslation reports whether lang is one of translations.
func isTranslation(lang string) bool {
	for _, l := range translations {
		if l == lang {
			return true
		}
	}
	return false
}

// countryLanguages maps a country's ISO 3166-1 alpha-2 code (as
// lead.CountryCode reads it from a code or a name) to the language we write
// to it in.
//
// Switzerland and Belgium have more than one official language, and the
// lead's data does not say which one the contact speaks. Switzerland gets
// German, the language of most of its people. Belgium gets French: most
// Belgians speak Dutch, which we do not write, and French is the one of
// our languages that Belgian business reads throughout. A Romand or
// Flemish contact so gets a language they read, if not always their own.
var countryLanguages = map[string]string{
	"DE": LangGerman, "AT": LangGerman, "CH": LangGerman, "LI": LangGerman,
	"FR": LangFrench, "BE": LangFrench, "LU": LangFrench, "MC": LangFrench,
	"ES": LangSpanish, "MX": LangSpanish, "AR": LangSpanish, "CO": LangSpanish, "CL": LangSpanish, "PE": LangSpanish,
}

// Language is the language lead-facing email to a contact in country is
// written in: "de" for Germany, Austria, Switzerland and Liechtenstein,
// "fr" for France, Belgium, Luxembourg and Monaco, "es" for Spain, Mexico,
// Argentina, Colombia, Chile and Peru, and "en" for anywhere else and for
// an unknown country. country is an ISO 3166-1 code (alpha-2 as the lead
// package stores it, or alpha-3) or a country name in any case, with or
// without accents ("DE", "Deutschland", "Österreich", "España", "mexico").
//
// This is the one place that decides the language; Render uses it to pick
// a template's translation.
func Language(country string) string {
	if lang, ok := countryLanguages[lead.CountryCode(country)]; ok {
		return lang
	}
	return LangEnglish
}

// greetings open an email to a contact, by language: with the name the
// contact is called by (contactName), and without one.
var greetings = map[string]struct{ named, unnamed string }{
	LangEnglish: {named: "Hi ", unnamed: "Hello,"},
	LangGerman:  {named: "Hallo ", unnamed: "Guten Tag,"},
	LangFrench:  {named: "Bonjour ", unnamed: "Bonjour,"},
	LangSpanish: {named: "Hola ", unnamed: "Hola,"},
}

// localHonorifics are the titles contactName writes before a family name
// ("Dr" + "Lovelace" → "Dr. Lovelace"), by language, keyed as honorifics
// is. A title missing here is written the English way.
var localHonorifics = map[string]map[string]string{
	LangGerman:  {"mr": "Herr", "mrs": "Frau", "ms": "Frau", "miss": "Frau", "dr": "Dr.", "prof": "Prof."},
	LangFrench:  {"mr": "M.", "mrs": "Mme", "ms": "Mme", "miss": "Mme", "dr": "Dr", "prof": "Pr"},
	LangSpanish: {"mr": "Sr.", "mrs": "Sra.", "ms": "Sra.", "miss": "Srta.", "dr": "Dr.", "prof": "Prof."},
}

// languageNames name the translations in English, for rep email.
var languageNames = map[string]string{LangGerman: "German", LangFrench: "French", LangSpanish: "Spanish"}
