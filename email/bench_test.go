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
		_ = u.Token(123456, "ada.lovelace@example.com")
	}
}

func BenchmarkUnsubscribeVerify(b *testing.B) {
	u := newTestUnsubscriber(b)
	tok := u.Token(123456, "ada.lovelace@example.com")
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
