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

# The service lives in us-east-1; VPC endpoints in eu-west-1 and ap-southeast-1 may connect to it
# (aws_vpc_endpoint with region = "eu-west-1" and service_region = "us-east-1").
resource "mongodbatlas_privatelink_endpoint" "this" {
  project_id               = var.project_id
  provider_name            = "AWS"
  region                   = "us-east-1"
  supported_remote_regions = ["EU_WEST_1", "AP_SOUTHEAST_1"] # Atlas names; updated in place
}

resource "mongodbatlas_privatelink_endpoint_service" "eu" {
  project_id          = mongodbatlas_privatelink_endpoint.this.project_id
  private_link_id     = mongodbatlas_privatelink_endpoint.this.private_link_id
  endpoint_service_id = "vpce-0e1e2e3e4e5e6e7e8"
  provider_name       = "AWS"
}

output "remote_regions" {
  value = mongodbatlas_privatelink_endpoint.this.supported_remote_regions
}
