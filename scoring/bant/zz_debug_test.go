package bant

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"testing"
	"time"
)

func TestZZDebug(t *testing.T) {

	f := os.Getenv("A3DBG")
	if f == "" {
		t.Skip()
	}
	ids := map[string]bool{}
	for _, id := range splitComma(os.Getenv("A3IDS")) {
		ids[id] = true
	}
	fh, _ := os.Open(f)
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var o struct{ ID, Text, Authority, Received string }
		json.Unmarshal(sc.Bytes(), &o)
		if len(ids) > 0 && !ids[o.ID] {
			continue
		}
		now, _ := time.Parse(time.RFC3339, o.Received)
		s := Extract(o.Text, now)
		if s.Authority != nil {
			fmt.Printf("%s want=%q got=%s role=%q conf=%.2f ev=%q\n", o.ID, o.Authority, s.Authority.Level, s.Authority.Role, s.Authority.Confidence, s.Authority.Evidence)
		} else {
			fmt.Printf("%s want=%q got=nil\n", o.ID, o.Authority)
		}
	}
}

func splitComma(s string) []string {
	var out []string
	cur := ""
	for _, c := range s {
		if c == ',' {
			out = append(out, cur)
			cur = ""
		} else {
			cur += string(c)
		}
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}
