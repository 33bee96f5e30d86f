package cmdline

// ParseFlags parses args, which must all be flags (no positional
// arguments), and returns a usage error naming the first of the required
// flags left empty: the whole command-line check of most commands.
func (f *FlagSet) ParseFlags(args []string, required ...string) error {
	if err := f.Parse(args); err != nil {
		return err
	}
	if err := f.NoArgs(); err != nil {
		return err
	}
	return f.Required(required...)
}

// Fraction returns a usage error unless v, the value of flag name, is a
// share strictly between 0 and 1 (a held-out fraction of 0 or 1 leaves
// nothing to train or to test on).
func (f *FlagSet) Fraction(name string, v float64) error {
	if v <= 0 || v >= 1 {
		return f.Errorf("--%s: expected a number between 0 and 1, got %v", name, v)
	}
	return nil
}
