// Package config reads leadflow's configuration: connection settings and
// secrets from LEADFLOW_* environment variables, and pipelines, scoring
// rules, routing and templates from an optional YAML file. Invalid input is
// reported with the field name and the expected form, so a bad deploy stops
// at start-up instead of misbehaving later.
package config
