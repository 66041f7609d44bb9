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

variable "private_endpoint_id" {
  description = "Your Azure private endpoint's resource id (azurerm_private_endpoint.<name>.id)."
  type        = string
  default     = "/subscriptions/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b/resourceGroups/rg-app/providers/Microsoft.Network/privateEndpoints/pe-atlas"
}

variable "private_endpoint_ip" {
  description = "The private endpoint's IP address (azurerm_private_endpoint.<name>.private_service_connection[0].private_ip_address)."
  type        = string
  default     = "10.0.0.5"
}

resource "mongodbatlas_privatelink_endpoint" "this" {
  project_id    = var.project_id
  provider_name = "AZURE"
  region        = "eastus2"
}

resource "mongodbatlas_privatelink_endpoint_service" "this" {
  project_id                  = mongodbatlas_privatelink_endpoint.this.project_id
  private_link_id             = mongodbatlas_privatelink_endpoint.this.private_link_id
  endpoint_service_id         = var.private_endpoint_id
  private_endpoint_ip_address = var.private_endpoint_ip
  provider_name               = "AZURE"
}

output "private_link_service_resource_id" {
  description = "Use as private_connection_resource_id of your azurerm_private_endpoint."
  value       = mongodbatlas_privatelink_endpoint.this.private_link_service_resource_id
}

output "status" {
  value = mongodbatlas_privatelink_endpoint_service.this.azure_status
}
