package sidecar

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// checkKey validates a config key named field.
func checkKey(field, key string) error {
	switch {
	case key == "":
		return invalidf("%s: must not be empty", field)
	case len(key) > maxKeyBytes:
		return invalidf("%s: %d bytes, more than the limit of %d", field, len(key), maxKeyBytes)
	case !utf8.ValidString(key):
		return invalidf("%s: not valid UTF-8", field)
	}
	return nil
}

// checkPrefix validates a config key prefix, which may be empty.
func checkPrefix(field, prefix string) error {
	if prefix == "" {
		return nil
	}
	return checkKey(field, prefix)
}

// checkValue validates a config value named field.
func checkValue(field, value string) error {
	switch {
	case len(value) > maxValueBytes:
		return invalidf("%s: %d bytes, more than the limit of %d", field, len(value), maxValueBytes)
	case !utf8.ValidString(value):
		return invalidf("%s: not valid UTF-8", field)
	}
	return nil
}

// checkName validates the name of a lock, election, service or instance.
func checkName(field, name string) error {
	switch {
	case name == "":
		return invalidf("%s: must not be empty", field)
	case len(name) > maxNameBytes:
		return invalidf("%s: %d bytes, more than the limit of %d", field, len(name), maxNameBytes)
	case !utf8.ValidString(name):
		return invalidf("%s: not valid UTF-8", field)
	case strings.Contains(name, "/"):
		return invalidf("%s: %q must not contain '/'", field, name)
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return invalidf("%s: %q must not contain control characters", field, name)
	}
	return nil
}

// ttlOrDefault validates a session TTL named field; 0 means the default.
func ttlOrDefault(field string, ttl int32) (int64, error) {
	if ttl == 0 {
		return defaultTTLSeconds, nil
	}
	if ttl < minTTLSeconds || ttl > maxTTLSeconds {
		return 0, invalidf("%s: %d is out of range [%d, %d]", field, ttl, minTTLSeconds, maxTTLSeconds)
	}
	return int64(ttl), nil
}

// checkWait validates a waitSeconds field.
func checkWait(wait float64) error {
	if !(wait >= 0 && wait <= maxWaitSeconds) { // also refuses NaN
		return invalidf("waitSeconds: %v is out of range [0, %d]", wait, maxWaitSeconds)
	}
	return nil
}
