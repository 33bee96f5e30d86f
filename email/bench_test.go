package email

import "testing"

// Run with: go test ./email -run '^$' -bench . -benchmem

func BenchmarkRender(b *testing.B) {
	tpl := loadDefaults(b)
	d := sampleData()
	for _, name := range []string{"nurture-1", "rep-new-lead"} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := tpl.Render(name, d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkUnsubscribeToken(b *testing.B) {
	u := newTestUnsubscriber(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := u.Token(testRef); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkUnsubscribeVerify(b *testing.B) {
	u := newTestUnsubscriber(b)
	tok, err := u.Token(testRef)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := u.Verify(tok); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadTemplates(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LoadTemplates(""); err != nil {
			b.Fatal(err)
		}
	}
}
