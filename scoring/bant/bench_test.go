package bant

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkExtract measures Extract on testdata/emails/inbound_reply.txt,
// a ~1 KB reply with every signal, a signature and quoted history.
func BenchmarkExtract(b *testing.B) {
	benchmarkEmail(b, "inbound_reply.txt")
}

// BenchmarkExtractNoSignals measures the common case of a message with
// numbers but nothing to find.
func BenchmarkExtractNoSignals(b *testing.B) {
	benchmarkEmail(b, "no_signals.txt")
}

func benchmarkEmail(b *testing.B, name string) {
	text, err := os.ReadFile(filepath.Join("testdata", "emails", name))
	if err != nil {
		b.Fatal(err)
	}
	// Once per process, not per text: splitting the patterns (see
	// BenchmarkCompilePatterns) and compiling the parts this text wakes.
	Extract(string(text), testNow)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Extract(string(text), testNow)
	}
}
