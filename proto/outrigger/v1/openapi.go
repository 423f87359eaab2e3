package outriggerv1

import _ "embed"

// OpenAPI is the OpenAPI (Swagger 2.0) document of the JSON API, generated from
// the protos and http.yaml by protoc-gen-openapiv2.
//
//go:embed outrigger.swagger.json
var OpenAPI []byte
