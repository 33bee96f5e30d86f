package demo

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestPostRequestCheck(t *testing.T) {
	t.Parallel()
	const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
	ok := func(change func(*PostRequest)) PostRequest {
		r := PostRequest{Form: Form{Source: "website", Email: "ann@example.com"}, URL: "http://127.0.0.1:8080/", Secret: secret, Wait: time.Second}
		change(&r)
		return r
	}
	tests := []struct {
		name       string
		r          PostRequest
		secrets    string
		wantURL    string
		wantSecret string
		wantWho    string
		wantErr    string
	}{
		{name: "the URL loses its slash", r: ok(func(*PostRequest) {}), wantURL: "http://127.0.0.1:8080", wantSecret: secret, wantWho: "ann@example.com"},
		{name: "a phone alone", r: ok(func(r *PostRequest) { r.Form.Email, r.Form.Phone = "", "+1 415 555 0187" }),
			wantURL: "http://127.0.0.1:8080", wantSecret: secret, wantWho: "+1 415 555 0187"},
		{name: "the secret from the environment", r: ok(func(r *PostRequest) { r.Secret = "" }), secrets: " , " + secret + ",whsec_old",
			wantURL: "http://127.0.0.1:8080", wantSecret: secret, wantWho: "ann@example.com"},
		{name: "no email nor phone", r: ok(func(r *PostRequest) { r.Form.Email = " " }), wantErr: "--email or --phone is required"},
		{name: "a bad email", r: ok(func(r *PostRequest) { r.Form.Email = "ann" }), wantErr: `--email "ann": `},
		{name: "no source", r: ok(func(r *PostRequest) { r.Form.Source = "" }), wantErr: "--source is required"},
		{name: "not http", r: ok(func(r *PostRequest) { r.URL = "ftp://x" }), wantErr: `--url: expected an http(s) URL such as http://127.0.0.1:8080, got "ftp://x"`},
		{name: "a negative wait", r: ok(func(r *PostRequest) { r.Wait = -time.Second }), wantErr: "--wait: expected a duration of 0 or more, got -1s"},
		{name: "no secret", r: ok(func(r *PostRequest) { r.Secret = "" }), wantErr: "--secret is required (or set LEADFLOW_WEBHOOK_SECRETS)"},
		{name: "a bad secret is not echoed", r: ok(func(r *PostRequest) { r.Secret = "hunter2" }),
			wantErr: "--secret: expected whsec_ followed by the standard base64 of the key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := tt.r
			err := r.Check(tt.secrets)
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				require.NotContains(t, err.Error(), "hunter2")
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.wantURL, r.URL)
			require.Equal(t, tt.wantSecret, r.Secret)
			require.Equal(t, tt.wantWho, r.Who())
		})
	}
}
