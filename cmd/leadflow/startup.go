package main

import (
	"leadflow/internal/preflight"
	"leadflow/internal/slogadapt"
)

// The start-up checks live in internal/preflight and the log adapters in
// internal/slogadapt; the roles reach them through these names.
var (
	requirePostgres = preflight.RequirePostgres
	newAsynqLogger  = slogadapt.NewAsynqLogger
	asynqLevel      = slogadapt.AsynqLevel
)
