package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"leadflow/internal/cmdline"
	"leadflow/reporting"
	"leadflow/spend"
	"leadflow/store"
)

// reportVerbs are the reports of `leadflow report`: package reporting's,
// then spend (runSpendReport), which reads ad spend alone until the
// cost-per-lead joins arrive.
var reportVerbs = append(slices.Clone(reporting.Names), "spend")

// importSpend loads a spend CSV (spend.ParseCSV) in one transaction: a
// file with any bad row imports nothing, and importing the same file again
// changes nothing.
func importSpend(ctx context.Context, path string, stdout io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open spend file: %w", err)
	}
	defer f.Close()
	rows, err := spend.ParseCSV(f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	st, closeStore, err := openStore(ctx)
	if err != nil {
		return err
	}
	defer closeStore()
	w, err := st.UpsertAdSpend(ctx, storeSpend(rows), store.SpendFromImport, time.Now())
	if err != nil {
		return fmt.Errorf("import spend from %s: %w", path, err)
	}
	_, err = fmt.Fprintf(stdout, "spend: %d rows from %s: %d new, %d updated, %d unchanged\n", len(rows), path, w.Inserted, w.Updated, w.Unchanged)
	return err
}

// storeSpend converts spend rows to the store's identical type.
func storeSpend(rows []spend.Row) []store.AdSpend {
	out := make([]store.AdSpend, len(rows))
	for i, r := range rows {
		out[i] = store.AdSpend(r)
	}
	return out
}

// spendReportRow is one row of `leadflow report spend --format json`.
type spendReportRow struct {
	Platform     string `json:"platform"`
	CampaignID   string `json:"campaign_id"`
	CampaignName string `json:"campaign_name"`
	Currency     string `json:"currency"`
	// Spend is a decimal string, exact; SpendMicros the same in millionths.
	Spend       string `json:"spend"`
	SpendMicros int64  `json:"spend_micros"`
	Clicks      int64  `json:"clicks"`
	Impressions int64  `json:"impressions"`
	Accounts    int64  `json:"accounts"`
	FirstDay    string `json:"first_day"`
	LastDay     string `json:"last_day"`
}

// runSpendReport prints ad spend per campaign and currency over a range of
// days. Currencies are never added up: each has its own rows and total.
func runSpendReport(ctx context.Context, args []string, stdout io.Writer) error {
	fs := cmdline.NewFlagSet("report spend", `Usage: leadflow report spend [flags]

Ad spend per platform, campaign and currency over a range of days (synced by
spend:sync or loaded with leadflow import --spend), with clicks and
impressions. Amounts in different currencies are never added together: the
table ends with one total per currency.

The window is on reporting days: --from and --to are dates, both included.`, stdout)
	from := fs.String("from", "", "first day, a date (2026-01-01); default unbounded")
	to := fs.String("to", "", "last day, a date (inclusive); default unbounded")
	format := fs.String("format", "table", "output format: table|csv|json")
	if err := fs.ParseFlags(args); err != nil {
		return err
	}
	if !slices.Contains([]string{"table", "csv", "json"}, *format) {
		return fs.Errorf("--format: unknown format %q (one of: table, csv, json)", *format)
	}
	var start, end time.Time
	if *from != "" {
		d, err := spend.ParseDay(*from)
		if err != nil {
			return fs.Errorf("--from: %v", err)
		}
		start = d
	}
	if *to != "" {
		d, err := spend.ParseDay(*to)
		if err != nil {
			return fs.Errorf("--to: %v", err)
		}
		end = d.AddDate(0, 0, 1)
	}
	if !start.IsZero() && !end.IsZero() && !end.After(start) {
		return fs.Errorf("--to: the last day must not come before --from")
	}
	st, closeStore, err := openStore(ctx)
	if err != nil {
		return err
	}
	defer closeStore()
	rows, err := st.SpendByCampaign(ctx, start, end)
	if err != nil {
		return err
	}
	out := make([]spendReportRow, 0, len(rows))
	for _, r := range rows {
		out = append(out, spendReportRow{Platform: r.Platform, CampaignID: r.CampaignID, CampaignName: r.CampaignName, Currency: r.Currency,
			Spend: spend.FormatMicros(r.SpendMicros), SpendMicros: r.SpendMicros, Clicks: r.Clicks, Impressions: r.Impressions,
			Accounts: r.Accounts, FirstDay: r.FirstDay.Format(time.DateOnly), LastDay: r.LastDay.Format(time.DateOnly)})
	}
	return writeSpendReport(stdout, *format, out)
}

// writeSpendReport prints the rows as JSON, CSV or an aligned table with a
// total per currency.
func writeSpendReport(w io.Writer, format string, rows []spendReportRow) error {
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rows); err != nil {
			return fmt.Errorf("write spend report: %w", err)
		}
		return nil
	}
	header := []string{"platform", "campaign_id", "campaign_name", "currency", "spend", "clicks", "impressions", "first_day", "last_day"}
	cells := func(r spendReportRow) []string {
		return []string{r.Platform, r.CampaignID, r.CampaignName, r.Currency, r.Spend, strconv.FormatInt(r.Clicks, 10),
			strconv.FormatInt(r.Impressions, 10), r.FirstDay, r.LastDay}
	}
	if format == "csv" {
		cw := csv.NewWriter(w)
		_ = cw.Write(header)
		for _, r := range rows {
			_ = cw.Write(cells(r))
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return fmt.Errorf("write spend report: %w", err)
		}
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(header, "\t"))
	totals := map[string]int64{}
	var currencies []string
	for _, r := range rows {
		fmt.Fprintln(tw, strings.Join(cells(r), "\t"))
		if _, ok := totals[r.Currency]; !ok {
			currencies = append(currencies, r.Currency)
		}
		totals[r.Currency] += r.SpendMicros
	}
	for _, c := range currencies {
		fmt.Fprintf(tw, "total\t\t\t%s\t%s\t\t\t\t\n", c, spend.FormatMicros(totals[c]))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write spend report: %w", err)
	}
	return nil
}

// spendFiles are the spend imports of `leadflow import`; one at a time.
type spendFiles struct{ spend, campaignMap, rates string }

// count is how many were given.
func (s spendFiles) count() int {
	n := 0
	for _, f := range []string{s.spend, s.campaignMap, s.rates} {
		if f != "" {
			n++
		}
	}
	return n
}

// chosen names the first flag given.
func (s spendFiles) chosen() (string, bool) {
	switch {
	case s.spend != "":
		return "spend", true
	case s.campaignMap != "":
		return "campaign-map", true
	case s.rates != "":
		return "rates", true
	}
	return "", false
}

// run imports the chosen file.
func (s spendFiles) run(ctx context.Context, stdout io.Writer) error {
	switch {
	case s.spend != "":
		return importSpend(ctx, s.spend, stdout)
	case s.campaignMap != "":
		return importCampaignMap(ctx, s.campaignMap, stdout)
	default:
		return importRates(ctx, s.rates, stdout)
	}
}

// importCampaignMap stores a campaign map file in one transaction.
func importCampaignMap(ctx context.Context, path string, stdout io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open campaign map: %w", err)
	}
	defer f.Close()
	maps, err := spend.ParseCampaignMap(f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	st, closeStore, err := openStore(ctx)
	if err != nil {
		return err
	}
	defer closeStore()
	in := make([]store.CampaignMapping, len(maps))
	for i, m := range maps {
		in[i] = store.CampaignMapping{Platform: m.Platform, CampaignKey: m.Campaign, UTMCampaign: m.UTMCampaign}
	}
	if err := st.UpsertCampaignMap(ctx, in); err != nil {
		return fmt.Errorf("import campaign map from %s: %w", path, err)
	}
	_, err = fmt.Fprintf(stdout, "campaign map: %d campaigns from %s\n", len(maps), path)
	return err
}

// importRates stores a currency rates file in one transaction.
func importRates(ctx context.Context, path string, stdout io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open rates file: %w", err)
	}
	defer f.Close()
	rates, err := spend.ParseRates(f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	st, closeStore, err := openStore(ctx)
	if err != nil {
		return err
	}
	defer closeStore()
	in := make([]store.CurrencyRate, len(rates))
	for i, r := range rates {
		in[i] = store.CurrencyRate{Currency: r.Currency, Quote: r.Quote, Day: r.Day, Rate: r.Rate}
	}
	if err := st.UpsertCurrencyRates(ctx, in); err != nil {
		return fmt.Errorf("import rates from %s: %w", path, err)
	}
	_, err = fmt.Fprintf(stdout, "rates: %d from %s\n", len(rates), path)
	return err
}
