package sidecar

import (
	"encoding/base64"
	"strconv"
	"strings"
)

// pageToken marks where the next page of a listing starts, and at which revision.
type pageToken struct {
	key      string
	revision int64
}

func (p pageToken) encode() string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(p.revision, 10) + ":" + p.key))
}

func decodePageToken(s string) (pageToken, error) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		if rev, key, ok := strings.Cut(string(raw), ":"); ok {
			if n, err := strconv.ParseInt(rev, 10, 64); err == nil && n > 0 {
				return pageToken{key: key, revision: n}, nil
			}
		}
	}
	return pageToken{}, invalidf("pageToken: %q is not a token this API issued", s)
}
