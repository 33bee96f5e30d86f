package bench

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"leadflow/connectors"
)

// webhookBuilder returns signed lead webhooks: even requests in the
// Standard Webhooks format, odd ones as Typeform responses when mixed;
// every other lead is hot (routed to a deal), the rest cold (nurture).
// External ids are "<tag>-<i>", how the latency query finds each lead.
func webhookBuilder(base, secret, typeformSecret, tag string, mixed bool) func(int, time.Time) (*http.Request, error) {
	generic := base + "/v1/webhooks/generic/bench"
	typeform := base + "/v1/webhooks/typeform"
	return func(i int, now time.Time) (*http.Request, error) {
		id := fmt.Sprintf("%s-%d", tag, i)
		answers := `"answers":{"budget":"over_50k","authority":"decision_maker","need":"urgent","timeline":"this_month"},"title":"CEO",`
		if i%4 >= 2 {
			answers = `"title":"Student",`
		}
		if mixed && i%2 == 1 {
			body := fmt.Appendf(nil, `{"event_id":"%s","event_type":"form_response","form_response":{"form_id":"BeNcH","token":"%s","submitted_at":%q,
"definition":{"id":"BeNcH","title":"Bench","fields":[{"id":"f1","ref":"email","type":"email","title":"Email"},{"id":"f2","ref":"full_name","type":"short_text","title":"Name"}]},
"answers":[{"type":"email","email":"%s@bench.example.com","field":{"id":"f1","type":"email","ref":"email"}},{"type":"text","text":"Bench Lead","field":{"id":"f2","type":"short_text","ref":"full_name"}}]}}`,
				id, id, now.UTC().Format(time.RFC3339), id)
			req, err := http.NewRequest(http.MethodPost, typeform, bytes.NewReader(body))
			if err != nil {
				return nil, err
			}
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set(connectors.HeaderTypeformSignature, connectors.SignTypeform(typeformSecret, body))
			return req, nil
		}
		body := fmt.Appendf(nil, `{"type":"lead.created","data":{"external_id":"%s","email":"%s@bench.example.com","first_name":"Bench","company":"Bench Co",%s"utm":{"campaign":"bench"}}}`,
			id, id, answers)
		sig, err := connectors.SignStandardWebhook(secret, id, now, body)
		if err != nil {
			return nil, err
		}
		req, err := http.NewRequest(http.MethodPost, generic, bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("webhook-id", id)
		req.Header.Set("webhook-timestamp", strconv.FormatInt(now.Unix(), 10))
		req.Header.Set("webhook-signature", sig)
		return req, nil
	}
}
