package lead

// StageCloses reports what entering a stage of the given kind (the
// stages.kind column: "open", "won" or "lost") does to a deal: Won and
// Lost close it, Won as won; any other kind leaves it open.
func StageCloses(kind string) (closed, won bool) {
	return kind == "won" || kind == "lost", kind == "won"
}
