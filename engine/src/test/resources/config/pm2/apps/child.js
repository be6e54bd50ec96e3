#!/bin/sh
echo child
