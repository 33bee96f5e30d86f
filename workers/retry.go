package workers

import (
	"errors"
	"time"

	"github.com/hibiken/asynq"

	"leadflow/connectors"
	"leadflow/email"
	"leadflow/spend"
)

// RetryDelay is the Asynq RetryDelayFunc for leadflow's server: a provider's
// Retry-After wins (rate limits), otherwise Asynq's default exponential
// backoff with jitter.
func RetryDelay(n int, err error, t *asynq.Task) time.Duration {
	var fe *connectors.FetchError
	if errors.As(err, &fe) && fe.RetryAfter > 0 {
		return fe.RetryAfter
	}
	var se *email.SendError
	if errors.As(err, &se) && se.RetryAfter > 0 {
		return se.RetryAfter
	}
	var spe *spend.FetchError
	if errors.As(err, &spe) && spe.RetryAfter > 0 {
		return spe.RetryAfter
	}
	return asynq.DefaultRetryDelayFunc(n, err, t)
}
