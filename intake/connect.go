package intake

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/hibiken/asynq"

	"leadflow/internal/redisconn"
)

// Connect returns the dead letters of st over the Redis at redisURL
// (LEADFLOW_REDIS_URL, read as the server roles read it), with the
// patience of an operator's command rather than a webhook's. Nothing is
// dialled yet; Close releases the connections.
func Connect(st Store, redisURL string) (DeadLetters, error) {
	opt, err := redisconn.Options(redisURL, 2*time.Second, 5*time.Second)
	if err != nil {
		return DeadLetters{}, err
	}
	return DeadLetters{Store: st, Inspector: asynq.NewInspector(opt), Client: asynq.NewClient(opt)}, nil
}

// Close releases the connections of Connect.
func (d DeadLetters) Close() {
	if d.Inspector != nil {
		_ = d.Inspector.Close()
	}
	if d.Client != nil {
		_ = d.Client.Close()
	}
}

// EventIDs are the inbound event row ids an operator names for a replay:
// a flag.Value for a repeated --event, each of which may also be a
// comma-separated list.
type EventIDs []int64

// String returns the ids comma-separated.
func (l *EventIDs) String() string {
	parts := make([]string, len(*l))
	for i, id := range *l {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ",")
}

// Set adds the ids of s ("7" or "7,9"); each must be a positive row id.
func (l *EventIDs) Set(s string) error {
	for part := range strings.SplitSeq(s, ",") {
		id, err := strconv.ParseInt(strings.TrimSpace(part), 10, 64)
		if err != nil || id <= 0 {
			return fmt.Errorf("expected a positive inbound event row id, got %q", part)
		}
		*l = append(*l, id)
	}
	return nil
}
