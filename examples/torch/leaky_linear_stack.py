"""Three mistakes in one encoder: LeakyReLU(True), two Linear layers with nothing between them,
and a ReLU applied to the logits right before softmax."""
import torch
import torch.nn as nn


class Encoder(nn.Module):
    def __init__(self, in_features=128, classes=8):
        super().__init__()
        self.body = nn.Sequential(
            nn.Linear(in_features, 256),
            nn.LeakyReLU(True),
            nn.Linear(256, 128),
            nn.Linear(128, 64),
            nn.ReLU(),
        )
        self.classifier = nn.Linear(64, classes)

    def forward(self, x):
        logits = torch.relu(self.classifier(self.body(x)))
        return torch.softmax(logits, dim=-1)
