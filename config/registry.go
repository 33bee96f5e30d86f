package config

import (
	"fmt"

	"leadflow/connectors"
)

// ConnectorRegistry builds the connector registry from the configuration,
// explicitly (no init() registration): each provider is served only when
// its secrets are set, so an endpoint never runs unauthenticated. An error
// names the environment variable whose secret a connector refused.
func (cfg Config) ConnectorRegistry() (*connectors.Registry, error) {
	var cs []connectors.Connector
	add := func(c connectors.Connector, err error, env string) error {
		if err != nil {
			return fmt.Errorf("%s: %w", env, err)
		}
		cs = append(cs, c)
		return nil
	}
	s, f := cfg.Connectors, cfg.File.Connectors
	if len(cfg.WebhookSecrets) > 0 {
		c, err := connectors.NewGeneric(connectors.GenericConfig{Secrets: cfg.WebhookSecrets})
		if err := add(c, err, EnvWebhookSecrets); err != nil {
			return nil, err
		}
	}
	if s.MailgunSigningKey != "" {
		mc := connectors.MailgunConfig{SigningKey: s.MailgunSigningKey}
		in, err := connectors.NewMailgunInbound(mc)
		if err := add(in, err, EnvMailgunSigningKey); err != nil {
			return nil, err
		}
		ev, err := connectors.NewMailgunEvents(mc)
		if err := add(ev, err, EnvMailgunSigningKey); err != nil {
			return nil, err
		}
	}
	if s.MetaAppSecret != "" {
		c, err := connectors.NewMeta(connectors.MetaConfig{
			AppSecret: s.MetaAppSecret, VerifyToken: s.MetaVerifyToken, AccessToken: s.MetaAccessToken,
			GraphURL: s.MetaGraphURL, Fields: f.Meta.Fields,
		})
		if err := add(c, err, EnvMetaAppSecret); err != nil {
			return nil, err
		}
	}
	if s.GoogleAdsKey != "" {
		c, err := connectors.NewGoogleAds(connectors.GoogleAdsConfig{Key: s.GoogleAdsKey, Fields: f.GoogleAds.Fields})
		if err := add(c, err, EnvGoogleAdsKey); err != nil {
			return nil, err
		}
	}
	if s.LinkedInClientSecret != "" {
		c, err := connectors.NewLinkedIn(connectors.LinkedInConfig{
			ClientSecret: s.LinkedInClientSecret, AccessToken: s.LinkedInAccessToken,
			APIURL: s.LinkedInAPIURL, Fields: f.LinkedIn.Fields,
		})
		if err := add(c, err, EnvLinkedInClientSecret); err != nil {
			return nil, err
		}
	}
	if s.TypeformSecret != "" {
		c, err := connectors.NewTypeform(connectors.TypeformConfig{Secret: s.TypeformSecret, Fields: f.Typeform.Fields})
		if err := add(c, err, EnvTypeformSecret); err != nil {
			return nil, err
		}
	}
	if s.TikTokSecret != "" {
		c, err := connectors.NewTikTok(connectors.TikTokConfig{Secret: s.TikTokSecret, Fields: f.TikTok.Fields})
		if err := add(c, err, EnvTikTokSecret); err != nil {
			return nil, err
		}
	}
	return connectors.NewRegistry(cs...)
}
