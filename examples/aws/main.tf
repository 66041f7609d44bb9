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

variable "vpc_endpoint_id" {
  description = "Your AWS interface endpoint (aws_vpc_endpoint.<name>.id), in the service's region."
  type        = string
  default     = "vpce-0a1b2c3d4e5f60718"
}

resource "mongodbatlas_privatelink_endpoint" "this" {
  project_id    = var.project_id
  provider_name = "AWS"
  region        = "US_EAST_1"
}

resource "mongodbatlas_privatelink_endpoint_service" "this" {
  project_id          = mongodbatlas_privatelink_endpoint.this.project_id
  private_link_id     = mongodbatlas_privatelink_endpoint.this.private_link_id
  endpoint_service_id = var.vpc_endpoint_id
  provider_name       = "AWS"
}

data "mongodbatlas_privatelink_endpoints" "aws" {
  project_id    = var.project_id
  provider_name = "AWS"
  depends_on    = [mongodbatlas_privatelink_endpoint_service.this]
}

output "endpoint_service_name" {
  description = "Use as service_name of your aws_vpc_endpoint."
  value       = mongodbatlas_privatelink_endpoint.this.endpoint_service_name
}

output "connection_status" {
  value = mongodbatlas_privatelink_endpoint_service.this.aws_connection_status
}

output "services_in_project" {
  value = [for s in data.mongodbatlas_privatelink_endpoints.aws.results : "${s.region_name}: ${s.status}"]
}
