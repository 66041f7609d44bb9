# The seed documents' AWS example: an Atlas private endpoint service and an interface endpoint
# linked to it. `npm start` runs it against the local emulator; the seed's aws_vpc_endpoint is
# stood in for by a VPC endpoint registered in the emulator's simulated AWS.

terraform {
  required_providers {
    mongodbatlas = {
      source  = "mongodb/mongodbatlas"
      version = "~> 2.16"
    }
  }
}

# Credentials and base_url come from MONGODB_ATLAS_* (npm start points them at the emulator).
provider "mongodbatlas" {}

variable "project_id" {
  description = "Atlas project (24 hexadecimal characters)."
  type        = string
}

variable "vpc_endpoint_id" {
  description = "The AWS interface endpoint to link (with the aws provider: aws_vpc_endpoint.ptfe_service.id)."
  type        = string
}

resource "mongodbatlas_privatelink_endpoint" "test" {
  project_id    = var.project_id
  provider_name = "AWS"
  region        = "us-east-1"
}

# Stands in for:
#   resource "aws_vpc_endpoint" "ptfe_service" {
#     vpc_id            = "vpc-7fc0a543"
#     service_name      = mongodbatlas_privatelink_endpoint.test.endpoint_service_name
#     vpc_endpoint_type = "Interface"
#     ...
#   }
resource "terraform_data" "ptfe_service" {
  input = {
    id           = var.vpc_endpoint_id
    service_name = mongodbatlas_privatelink_endpoint.test.endpoint_service_name
  }
}

resource "mongodbatlas_privatelink_endpoint_service" "test" {
  project_id          = mongodbatlas_privatelink_endpoint.test.project_id
  private_link_id     = mongodbatlas_privatelink_endpoint.test.private_link_id
  endpoint_service_id = terraform_data.ptfe_service.output.id
  provider_name       = "AWS"
}

output "private_link_id" {
  value = mongodbatlas_privatelink_endpoint.test.private_link_id
}

output "endpoint_service_name" {
  value = mongodbatlas_privatelink_endpoint.test.endpoint_service_name
}

output "connection_status" {
  value = mongodbatlas_privatelink_endpoint_service.test.aws_connection_status
}

output "import_ids" {
  value = {
    endpoint_service = "${var.project_id}-${mongodbatlas_privatelink_endpoint.test.private_link_id}-AWS-us-east-1"
    endpoint         = "${var.project_id}--${mongodbatlas_privatelink_endpoint.test.private_link_id}--${var.vpc_endpoint_id}--AWS"
  }
}
