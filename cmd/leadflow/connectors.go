package main

import (
	"fmt"

	"leadflow/config"
	"leadflow/connectors"
)

// buildRegistry builds the connector registry explicitly (no init()
// registration): each provider is served only when its secrets are set, so
// an endpoint never runs unauthenticated.
func buildRegistry(cfg config.Config) (*connectors.Registry, error) {
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
		if err := add(c, err, config.EnvWebhookSecrets); err != nil {
			return nil, err
		}
	}
	if s.MailgunSigningKey != "" {
		mc := connectors.MailgunConfig{SigningKey: s.MailgunSigningKey}
		in, err := connectors.NewMailgunInbound(mc)
		if err := add(in, err, config.EnvMailgunSigningKey); err != nil {
			return nil, err
		}
		ev, err := connectors.NewMailgunEvents(mc)
		if err := add(ev, err, config.EnvMailgunSigningKey); err != nil {
			return nil, err
		}
	}
	if s.MetaAppSecret != "" {
		c, err := connectors.NewMeta(connectors.MetaConfig{
			AppSecret: s.MetaAppSecret, VerifyToken: s.MetaVerifyToken, AccessToken: s.MetaAccessToken,
			GraphURL: s.MetaGraphURL, Fields: f.Meta.Fields,
		})
		if err := add(c, err, config.EnvMetaAppSecret); err != nil {
			return nil, err
		}
	}
	if s.GoogleAdsKey != "" {
		c, err := connectors.NewGoogleAds(connectors.GoogleAdsConfig{Key: s.GoogleAdsKey, Fields: f.GoogleAds.Fields})
		if err := add(c, err, config.EnvGoogleAdsKey); err != nil {
			return nil, err
		}
	}
	if s.LinkedInClientSecret != "" {
		c, err := connectors.NewLinkedIn(connectors.LinkedInConfig{
			ClientSecret: s.LinkedInClientSecret, AccessToken: s.LinkedInAccessToken,
			APIURL: s.LinkedInAPIURL, Fields: f.LinkedIn.Fields,
		})
		if err := add(c, err, config.EnvLinkedInClientSecret); err != nil {
			return nil, err
		}
	}
	if s.TypeformSecret != "" {
		c, err := connectors.NewTypeform(connectors.TypeformConfig{Secret: s.TypeformSecret, Fields: f.Typeform.Fields})
		if err := add(c, err, config.EnvTypeformSecret); err != nil {
			return nil, err
		}
	}
	if s.TikTokSecret != "" {
		c, err := connectors.NewTikTok(connectors.TikTokConfig{Secret: s.TikTokSecret, Fields: f.TikTok.Fields})
		if err := add(c, err, config.EnvTikTokSecret); err != nil {
			return nil, err
		}
	}
	return connectors.NewRegistry(cs...)
}
