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

# Adopt an endpoint service and an endpoint that already exist in Atlas. Import ids:
#   mongodbatlas_privatelink_endpoint:         {project_id}-{private_link_id}-{provider_name}-{region}
#   mongodbatlas_privatelink_endpoint_service: {project_id}--{private_link_id}--{endpoint_service_id}--{provider_name}
# Write the region exactly as in the resource below. (`terraform import` takes the same ids.)
#
# On the local emulator: create the objects first (e.g. with ../quickstart), then pass
# private_link_id and vpc_endpoint_id; ../README.md lists the commands.

variable "private_link_id" {
  description = "The existing endpoint service's id (see data.mongodbatlas_privatelink_endpoints)."
  type        = string
}

variable "vpc_endpoint_id" {
  description = "The existing linked AWS interface endpoint."
  type        = string
}

import {
  to = mongodbatlas_privatelink_endpoint.this
  id = "${var.project_id}-${var.private_link_id}-AWS-us-east-1"
}

import {
  to = mongodbatlas_privatelink_endpoint_service.this
  id = "${var.project_id}--${var.private_link_id}--${var.vpc_endpoint_id}--AWS"
}

resource "mongodbatlas_privatelink_endpoint" "this" {
  project_id    = var.project_id
  provider_name = "AWS"
  region        = "us-east-1"
}

resource "mongodbatlas_privatelink_endpoint_service" "this" {
  project_id          = mongodbatlas_privatelink_endpoint.this.project_id
  private_link_id     = mongodbatlas_privatelink_endpoint.this.private_link_id
  endpoint_service_id = var.vpc_endpoint_id
  provider_name       = "AWS"
}
