terraform {
  required_providers {
    mongodbatlas = {
      source  = "mongodb/mongodbatlas"
      version = "~> 2.16"
    }
  }
}

provider "mongodbatlas" {}

variable "project_id" {
  description = "Atlas project id (24 hexadecimal characters)."
  type        = string
}

variable "gcp_project_id" {
  description = "Your GCP project holding the forwarding rules."
  type        = string
  default     = "customer-project-1"
}

locals {
  # With the google provider: one google_compute_address and google_compute_forwarding_rule per
  # service attachment (mongodbatlas_privatelink_endpoint.this.service_attachment_names).
  rules = { for i in range(2) : "tf-rule-${i}" => "10.2.0.${10 + i}" }
}

resource "mongodbatlas_privatelink_endpoint" "this" {
  project_id    = var.project_id
  provider_name = "GCP"
  region        = "us-central1"
}

resource "mongodbatlas_privatelink_endpoint_service" "this" {
  project_id          = mongodbatlas_privatelink_endpoint.this.project_id
  private_link_id     = mongodbatlas_privatelink_endpoint.this.private_link_id
  provider_name       = "GCP"
  endpoint_service_id = "tf-endpoint-group"
  gcp_project_id      = var.gcp_project_id

  dynamic "endpoints" {
    for_each = local.rules
    content {
      endpoint_name = endpoints.key
      ip_address    = endpoints.value
    }
  }
}

output "service_attachment_names" {
  value = mongodbatlas_privatelink_endpoint.this.service_attachment_names
}

output "rules" {
  value = [for e in mongodbatlas_privatelink_endpoint_service.this.endpoints : "${e.endpoint_name} ${e.ip_address} ${e.status}"]
}
