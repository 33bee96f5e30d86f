package webstore_test

import (
	"testing"

	"leadflow/internal/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m) }
