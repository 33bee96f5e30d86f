package httpapi

import "time"

// SinkMail is one message of the local mail sink as GET /v1/dev/mail lists
// it (inside {"messages": [...]}).
type SinkMail struct {
	ID        int64             `json:"id"`
	MessageID string            `json:"message_id"`
	To        string            `json:"to"`
	From      string            `json:"from"`
	Subject   string            `json:"subject"`
	Text      string            `json:"text"`
	HTML      string            `json:"html"`
	Headers   map[string]string `json:"headers"`
	Tags      []string          `json:"tags"`
	Variables map[string]string `json:"variables"`
	CreatedAt time.Time         `json:"created_at"`
}
