package webapp

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// dealPageFake adds to fakeBackend the reads of deal 7's page and records
// the activities logged; the deal opened at opened.
type dealPageFake struct {
	*fakeBackend
	opened time.Time
	logged []Activity
}

func (f *dealPageFake) Deal(context.Context, int64) (Deal, error) {
	return Deal{ID: 7, ContactID: 3, Pipeline: "Sales", Stage: "Qualification", StageKind: "open", OwnerRepID: 1, CreatedAt: f.opened,
		StageEnteredAt: f.opened}, nil
}
func (f *dealPageFake) Contact(context.Context, int64) (Contact, error) {
	return Contact{ID: 3, Name: "Ada"}, nil
}
func (f *dealPageFake) Stages(context.Context, string) ([]Stage, error) {
	return []Stage{{Name: "Qualification", Kind: "open"}, {Name: "Won", Kind: "won"}, {Name: "Lost", Kind: "lost"}}, nil
}
func (f *dealPageFake) DealFollowUp(context.Context, int64) (FollowUp, error) {
	return FollowUp{Activities: f.logged}, nil
}
func (f *dealPageFake) DealMeeting(context.Context, Deal) (time.Time, error) { return time.Time{}, nil }
func (f *dealPageFake) LogActivity(_ context.Context, _, repID int64, kind, note string, at time.Time) error {
	f.logged = append(f.logged, Activity{Kind: kind, Note: note, RepID: repID, OccurredAt: at})
	return nil
}

var fieldErrorText = regexp.MustCompile(`<p class="field-error" id="[^"]+">([^<]*)</p>`)

// FuzzDealForms posts anything to the deal page's forms (log an activity,
// next step, amount): the answer is a save (303) or the page again (422)
// with the problem in words next to a field and never an API field name,
// never a panic or a 500; what is saved is within the forms' bounds.
// Seeds are below and in testdata/fuzz/FuzzDealForms.
func FuzzDealForms(f *testing.F) {
	f.Add("call", "Left a voicemail", "", "Send the proposal", "2026-03-04", "12,500")
	f.Add("proposal", "", "2026-03-01T09:00", "", "2026-03-04", "-5")
	f.Add("note", "x", "not a time", "Demo", "next friday", "$9.99")
	f.Add("meeting", "", "2026-03-03T23:59", "\x00", "0000-01-01", "1e400")
	now := time.Date(2026, 3, 3, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, kind, note, at, step, on, amount string) {
		base, _ := newTestApp(t)
		fake := &dealPageFake{fakeBackend: base.cfg.Backend.(*fakeBackend), opened: now.Add(-48 * time.Hour)}
		a, err := New(Config{Backend: fake, NowFunc: func() time.Time { return now }})
		require.NoError(t, err)
		forms := map[string]url.Values{
			"activities": {"kind": {kind}, "note": {note}, "at": {at}},
			"next-step":  {"next_step": {step}, "next_step_on": {on}},
			"amount":     {"amount": {amount}},
		}
		for path, form := range forms {
			form.Set("csrf", "tok")
			rec := post(t, a, "/app/deals/7/"+path, form)
			switch rec.Code {
			case http.StatusSeeOther:
			case http.StatusUnprocessableEntity:
				m := fieldErrorText.FindAllStringSubmatch(rec.Body.String(), -1)
				require.NotEmpty(t, m, "%s refused without a field's problem", path)
				for _, e := range m {
					for _, api := range []string{"amount_cents", "next_step", "lost_reason", "kind must"} {
						require.NotContains(t, html.UnescapeString(e[1]), api)
					}
				}
			default:
				t.Fatalf("%s answered %d: %s", path, rec.Code, rec.Body.String())
			}
		}
		for _, l := range fake.logged {
			require.True(t, slices.ContainsFunc(activityKinds, func(k activityKind) bool { return k.Value == l.Kind }), l.Kind)
			require.LessOrEqual(t, utf8.RuneCountInString(l.Note), maxActivityNote)
			require.False(t, l.OccurredAt.After(now.Add(futureSlack)), "logged in the future: %s", l.OccurredAt)
			require.False(t, l.OccurredAt.Before(fake.opened.Truncate(time.Minute)), "logged before the deal opened: %s", l.OccurredAt)
		}
		for _, m := range fake.moves {
			if m.NextStep != nil {
				require.NotEmpty(t, m.NextStep.Text)
				require.LessOrEqual(t, utf8.RuneCountInString(m.NextStep.Text), maxNextStep)
			}
			if m.AmountCents != nil {
				require.GreaterOrEqual(t, *m.AmountCents, int64(0))
			}
		}
	})
}

// TestAmountField proves the amount field shows a rep's figure with
// thousands separators, and that it reads back to the same cents.
func TestAmountField(t *testing.T) {
	for _, tt := range []struct {
		cents int64
		want  string
	}{{100, "1"}, {99_900, "999"}, {4_800_000, "48,000"}, {1_250_050, "12,500.50"}, {123_456_789_01, "123,456,789.01"}} {
		t.Run(tt.want, func(t *testing.T) {
			require.Equal(t, tt.want, amountField(tt.cents))
			back, err := parseAmount(tt.want)
			require.NoError(t, err)
			require.Equal(t, tt.cents, *back)
		})
	}
}
