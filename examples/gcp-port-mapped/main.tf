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
  description = "Your GCP project holding the forwarding rule."
  type        = string
  default     = "customer-project-1"
}

resource "mongodbatlas_privatelink_endpoint" "this" {
  project_id           = var.project_id
  provider_name        = "GCP"
  region               = "us-west3"
  port_mapping_enabled = true # one service attachment for up to 150 nodes
}

resource "mongodbatlas_privatelink_endpoint_service" "this" {
  project_id                  = mongodbatlas_privatelink_endpoint.this.project_id
  private_link_id             = mongodbatlas_privatelink_endpoint.this.private_link_id
  provider_name               = "GCP"
  endpoint_service_id         = "tf-forwarding-rule" # google_compute_forwarding_rule.<name>.name
  private_endpoint_ip_address = "10.3.0.7"           # google_compute_address.<name>.address
  gcp_project_id              = var.gcp_project_id
}

output "service_attachment" {
  value = one(mongodbatlas_privatelink_endpoint.this.service_attachment_names)
}

output "status" {
  value = mongodbatlas_privatelink_endpoint_service.this.gcp_endpoint_status
}
