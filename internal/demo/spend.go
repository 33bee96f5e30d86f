package demo

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"leadflow/reporting"
	"leadflow/spend"
	"leadflow/store"
)

// demoSpendDays is how many days, today included, the demo's campaigns
// spent on.
const demoSpendDays = 14

// demoCampaignSpend is what each demo campaign cost per day, in USD. The
// paid campaigns carry the generator's utm_campaign as their name, so
// spend meets the leads by name; LinkedIn names campaigns by id only
// (docs/spend.md), so its two are tied to their utm_campaign through the
// campaign map (demoCampaignMap). display_awareness brings no lead: the
// report lists it as spend with no leads.
var demoCampaignSpend = []struct {
	platform, account, id, name string
	perDay                      string
}{
	{"google-ads", "123-456-7890", "9001", "brand_search", "40.00"},
	{"google-ads", "123-456-7890", "9002", "competitor_terms", "25.00"},
	{"google-ads", "123-456-7890", "9003", "display_awareness", "20.00"},
	{"linkedin", "507000000", "6001", "", "60.00"},
	{"linkedin", "507000000", "6002", "", "15.00"},
}

// demoCampaignMap ties the LinkedIn campaign ids to the utm_campaign their
// leads carry, as `leadflow import --campaign-map` would.
const demoCampaignMap = `platform,campaign,utm_campaign
linkedin,6001,abm_q4
linkedin,6002,retargeting
`

// DemoSpendCSV is the spend file the demo imports: every demo campaign's
// cost on each of the demoSpendDays days up to now, in the columns of
// `leadflow import --spend`.
func DemoSpendCSV(now time.Time) string {
	var b strings.Builder
	b.WriteString("platform,account,campaign_id,campaign_name,date,currency,spend,clicks,impressions\n")
	today := now.UTC().Truncate(24 * time.Hour)
	for d := demoSpendDays - 1; d >= 0; d-- {
		day := today.AddDate(0, 0, -d).Format(time.DateOnly)
		for _, c := range demoCampaignSpend {
			fmt.Fprintf(&b, "%s,%s,%s,%s,%s,USD,%s,%d,%d\n", c.platform, c.account, c.id, c.name, day, c.perDay, 20+d, 1000+10*d)
		}
	}
	return b.String()
}

// SeedSpend imports the demo's spend and campaign map through the parsers
// and store calls of `leadflow import --spend` and `--campaign-map`.
func SeedSpend(ctx context.Context, st *store.Store, now time.Time) error {
	rows, err := spend.ParseCSV(strings.NewReader(DemoSpendCSV(now)))
	if err != nil {
		return fmt.Errorf("parse demo spend: %w", err)
	}
	ads := make([]store.AdSpend, len(rows))
	for i, r := range rows {
		ads[i] = store.AdSpend(r)
	}
	if _, err := st.UpsertAdSpend(ctx, ads, store.SpendFromImport, now); err != nil {
		return fmt.Errorf("import demo spend: %w", err)
	}
	maps, err := spend.ParseCampaignMap(strings.NewReader(demoCampaignMap))
	if err != nil {
		return fmt.Errorf("parse demo campaign map: %w", err)
	}
	ms := make([]store.CampaignMapping, len(maps))
	for i, m := range maps {
		ms[i] = store.CampaignMapping{Platform: m.Platform, CampaignKey: m.Campaign, UTMCampaign: m.UTMCampaign}
	}
	if err := st.UpsertCampaignMap(ctx, ms); err != nil {
		return fmt.Errorf("import demo campaign map: %w", err)
	}
	return nil
}

// showSpend seeds the demo's spend and prints cost per lead, ROAS,
// pipeline per spend and payback per campaign: the roas report over all
// time, in short.
func showSpend(ctx context.Context, st *store.Store, now time.Time, w io.Writer) error {
	if err := SeedSpend(ctx, st, now); err != nil {
		return err
	}
	res, err := reporting.Run(ctx, st, "roas", reporting.Query{})
	if err != nil {
		return fmt.Errorf("roas report: %w", err)
	}
	fmt.Fprintf(w, "\nWhat each campaign cost and brought (%d days of made-up spend, imported as `leadflow import --spend`\n", demoSpendDays)
	fmt.Fprintln(w, "would; full figures: ./bin/leadflow report roas; ROAS is won revenue / spend, linear attribution; pipeline is")
	fmt.Fprintln(w, "the deals' expected value, amount × stage probability; payback the days from the first spend until revenue covered it):")
	fmt.Fprintf(w, "  %-30s %8s %10s %6s %10s %12s %6s %10s %9s %8s  %s\n", "campaign", "currency", "spend", "leads", "CPL", "won revenue", "ROAS",
		"pipeline", "pipe/spnd", "payback", "")
	for _, r := range res.Campaigns {
		pipeline := ""
		if r.Currency != "" {
			pipeline = fmt.Sprintf("%.2f", float64(r.PipelineCents)/100)
		}
		fmt.Fprintf(w, "  %-30s %8s %10s %6d %10s %12s %6s %10s %9s %8s  %s\n", r.Campaign, r.Currency, spendCell(r), r.Leads,
			optionalCell(r.CostPerLead), fmt.Sprintf("%.2f", r.RevenueLinearCents/100), optionalCell(r.ROASLinear),
			pipeline, optionalCell(r.PipelinePerSpend), reporting.PaybackCell(r), r.Status)
	}
	return nil
}

func spendCell(r reporting.CampaignRow) string {
	if r.Currency == "" {
		return ""
	}
	return reporting.FormatSpend(r.SpendMicros)
}

func optionalCell(f *float64) string {
	if f == nil {
		return "-"
	}
	return fmt.Sprintf("%.2f", *f)
}
