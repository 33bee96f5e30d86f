package spend

import (
	"encoding/json"
	"os"
	"testing"
	"time"
)

// FuzzGoogleAdsClicks feeds click_view answers (seeded from the stand-in's
// fixtures) to the decoding FetchClicks does: whatever comes back, it is
// clicks with a gclid, a campaign and a day, or an error, never a panic.
func FuzzGoogleAdsClicks(f *testing.F) {
	for _, file := range []string{"click_view.json", "search_stream.json", "quota_exhausted.json"} {
		b, err := os.ReadFile("testdata/googleads/" + file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`[{"results":[{"clickView":{"gclid":"g"},"campaign":{"id":7},"segments":{"date":"2026-02-30"}}]}]`))
	day := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, b []byte) {
		var batches []googleAdsBatch
		if json.Unmarshal(b, &batches) != nil {
			return
		}
		clicks, err := clickViewClicks(batches, "1", day, "click view")
		if err != nil {
			return
		}
		for _, c := range clicks {
			if c.GCLID == "" || c.CampaignID == "" || c.Day.IsZero() || len(c.GCLID) > maxClickIDLen {
				t.Fatalf("a bad click kept: %+v", c)
			}
		}
	})
}
