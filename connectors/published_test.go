package connectors_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/connectors"
	"leadflow/connectors/connectortest"
)

// The golden cases under testdata/<connector>/published/ are built from what
// the providers publish (their documentation's example payloads, the
// reference libraries of a spec) and from the fixtures or recorded
// deliveries of independent open-source integrations. Each case file's name
// says where it comes from (doc-, spec-, anymail-, mbras-, crm-server-,
// onelead-, svix-, docs-, connect-, actionsflow-, pipedream-);
// testdata/SOURCES.md lists the exact source and
// what was changed (personal data replaced, re-signed with the test secret
// each connector's own tests use).
//
// They run with the same connector setup as each connector's own golden
// test, so a case only differs from those in where its payload came from.

func TestMetaPublished(t *testing.T) {
	t.Parallel()
	connectortest.RunGolden(t, newMeta(t, "", nil), "testdata/meta/published")
}

func TestGoogleAdsPublished(t *testing.T) {
	t.Parallel()
	connectortest.RunGolden(t, newGoogleAds(t, nil), "testdata/google-ads/published")
}

func TestMailgunEventsPublished(t *testing.T) {
	t.Parallel()
	connectortest.RunGolden(t, newMailgunEvents(t), "testdata/mailgun-events/published")
}

func TestMailgunInboundPublished(t *testing.T) {
	t.Parallel()
	connectortest.RunGolden(t, newMailgunInbound(t), "testdata/mailgun-inbound/published")
}

func TestGenericPublished(t *testing.T) {
	t.Parallel()
	connectortest.RunGolden(t, newGeneric(t, currentSecret), "testdata/generic/published")
}

func TestTypeformPublished(t *testing.T) {
	t.Parallel()
	// No field mapping: Typeform's own example and real deliveries use
	// auto-generated refs, so the connector must resolve them itself.
	connectortest.RunGolden(t, newTypeform(t, nil), "testdata/typeform/published")
}

func TestLinkedInPublished(t *testing.T) {
	t.Parallel()
	// No field mapping: the form definitions stored with each response
	// (the "leadForm" half of the fetched document) map the questions.
	l, err := connectors.NewLinkedIn(connectors.LinkedInConfig{ClientSecret: linkedInSecret})
	require.NoError(t, err)
	connectortest.RunGolden(t, l, "testdata/linkedin/published")
}
